/** One server through bench:memory's phases: idle, pieces opened and closed, generations, idle again. */
import { signUp } from "../../server/testing/real-server";
import type { MeasuredServer } from "./servers";
import { idleRssMb, peakRssMb, rssMb } from "../../server/testing/rss";
import { openAndClosePieces, runGenerations, untilNoPiecesOpen } from "../../server/testing/memory-workload";

export interface MemoryRun {
  name: string;
  idleMb: number;
  /** Highest RSS while the pieces were open and closed, and once every piece had unloaded. */
  piecesPeakMb?: number;
  afterPiecesMb?: number;
  generationsPeakMb?: number;
  afterGenerationsMb?: number;
  failedGenerations?: number;
  generationSeconds?: number;
  /** Once idle again: every piece unloaded and `settleS` seconds with nothing to do. */
  idleAgainMb?: number;
}

export interface RunOptions {
  pieces: number;
  generations: number;
  settleS: number;
  say(msg: string): void;
}

export async function measure(server: MeasuredServer, opts: RunOptions): Promise<MemoryRun> {
  const run: MemoryRun = { name: server.name, idleMb: await idleRssMb(server.pid, opts.settleS) };
  opts.say(`${server.name}: idle ${run.idleMb.toFixed(0)} MB`);
  const base = server.base;
  if (!base) return run;

  const cookie = await signUp(base, "Bench");
  const pieces = await peakRssMb(server.pid, () => openAndClosePieces(base, cookie, opts.pieces));
  await untilNoPiecesOpen(base);
  run.piecesPeakMb = pieces.peakMb;
  run.afterPiecesMb = rssMb(server.pid);
  opts.say(`${server.name}: ${opts.pieces} pieces opened and closed, ${run.afterPiecesMb.toFixed(0)} MB`);

  const started = performance.now();
  const gens = await peakRssMb(server.pid, () => runGenerations(base, cookie, pieces.result[0], opts.generations));
  run.generationSeconds = (performance.now() - started) / 1000;
  await untilNoPiecesOpen(base);
  run.generationsPeakMb = gens.peakMb;
  run.afterGenerationsMb = rssMb(server.pid);
  run.failedGenerations = gens.result;
  opts.say(`${server.name}: ${opts.generations} generations in ${run.generationSeconds.toFixed(0)} s, ${run.afterGenerationsMb.toFixed(0)} MB`);

  run.idleAgainMb = await idleRssMb(server.pid, opts.settleS);
  opts.say(`${server.name}: idle again ${run.idleAgainMb.toFixed(0)} MB`);
  return run;
}
