/**
 * One person cannot starve the model: Ada sends 12 requests at once (16-bar infills of every track, 8 candidates),
 * then Bo sends one. Through the generation router with the real model (the default model on the CPU), the real
 * collab server and PGlite, with the server's line (one request at a time, people in turn) against the old way (every
 * request decoding at once, their steps interleaved), next to Bo's request alone.
 *
 *   npx tsx bench/generation-line.ts [--model-dir models/tandem-fim-v2] [--requests 12]
 */
import { readFileSync } from "node:fs";
import { readTracks } from "../lib/doc-schema";
import { createGenerationLine, type GenerationLineOptions } from "../server/api/generation-line";
import { createCollabTestWorld } from "../server/api/collab-test-world";
import { createInference } from "../server/inference";
import { createLog } from "../server/log";
import { DEFAULT_MODEL_DIR } from "../server/inference/default-model";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const modelDir = arg("--model-dir", DEFAULT_MODEL_DIR);
const backlog = Number(arg("--requests", "12"));
const TIME_LIMIT_MS = 30_000; // the server's default

const inference = await createInference({ modelDir, log: createLog("bench", true) });
const song = readFileSync(new URL("../lib/midi/fixtures/pop909-001.mid", import.meta.url)).toString("base64");

interface Outcome {
  ms: number;
  ok: boolean;
  error?: string;
}

/** Bo's request alone, or behind Ada's backlog under `line`; every outcome with its time from when it was sent. */
async function scenario(line: GenerationLineOptions, withBacklog: boolean) {
  const world = await createCollabTestWorld({ generationTimeoutMs: TIME_LIMIT_MS });
  world.services.inference = inference;
  world.services.generationLine = createGenerationLine(line);
  const ada = await world.signUp("Ada");
  const bo = await world.signUp("Bo");
  const { pieceId } = await ada.api.midi.importPiece({ file: { name: "pop909-001.mid", base64: song } });
  await bo.api.piece.acceptInvite(await ada.api.piece.createInvite({ pieceId, role: "editor" }));
  const trackIds = (await world.collab.readDoc(pieceId, readTracks)).map((t) => t.id);
  const ask = (who: typeof ada, seed: number): Promise<Outcome> => {
    const t0 = performance.now();
    return who.api.generation
      .request({ pieceId, mode: "infill", region: { startBar: 8, endBar: 24, pitchLo: 0, pitchHi: 127, trackIds }, candidates: 8, temperature: 1, seed })
      .then(
        () => ({ ms: performance.now() - t0, ok: true }),
        (e: Error) => ({ ms: performance.now() - t0, ok: false, error: e.message }),
      );
  };
  const adas = withBacklog ? Array.from({ length: backlog }, (_, i) => ask(ada, i + 1)) : [];
  const bos = await ask(bo, 1000);
  const adaOutcomes = await Promise.all(adas);
  world.services.generationLine.close();
  await world.close();
  return { bos, adas: adaOutcomes };
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const describe = (o: Outcome) => (o.ok ? s(o.ms) : `failed after ${s(o.ms)} (${o.error})`);

await scenario({}, false); // warm-up: the session's first runs are slower
const alone = await scenario({}, false);
const fair = await scenario({}, true);
const interleaved = await scenario({ concurrency: backlog + 1, perPerson: backlog + 1 }, true);
await inference.close();

console.log(`Ada sends ${backlog} requests at once, then Bo sends 1 (16 bars, every track, 8 candidates; ${s(TIME_LIMIT_MS)} limit on the model)\n`);
console.log("| measurement | the line (one at a time, in turn) | every request at once (before) | Bo alone |");
console.log("|---|--:|--:|--:|");
console.log(`| Bo's request | ${describe(fair.bos)} | ${describe(interleaved.bos)} | ${describe(alone.bos)} |`);
const failed = (xs: Outcome[]) => xs.filter((o) => !o.ok).length;
console.log(`| Ada's requests that failed | ${failed(fair.adas)} of ${backlog} | ${failed(interleaved.adas)} of ${backlog} | |`);
const last = (xs: Outcome[]) => Math.max(...xs.map((o) => o.ms));
console.log(`| Ada's last answer | ${s(last(fair.adas))} | ${s(last(interleaved.adas))} | |`);
