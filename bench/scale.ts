/**
 * npm run bench:scale: Tandem past one process, on loopback against this machine's Redis (REDIS_URL, default
 * redis://127.0.0.1:6379) and PostgreSQL (the db tests' server). First the collaboration and failover sections
 * (bench/scale/sections.ts: app processes on Redis against one process, one of them killed mid-run; also
 * `npm run bench:scale:collab` alone), then the inference section:
 *   - generations a minute through the queue with 1 and with 2 worker processes, against the app's own model thread;
 *   - a worker killed mid-job: how long until another worker has finished it;
 *   - Bo's one request behind Ada's burst, through the app's line and the queue, against the queue alone (FIFO).
 *
 *   npx tsx bench/scale.ts [--requests 8] [--burst 6] [--people 150] [--apps 3] [--pieces 10] [--rate 5] [--seconds 20] [--warmup 10] [--rounds 1] [--observers N|all]
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { Queue } from "bullmq";
import { readTracks } from "../lib/doc-schema";
import { loadPiece } from "../models/eval/pieces";
import { makeTask } from "../models/eval/tasks";
import { createGenerationLine, type GenerationLineOptions } from "../server/api/generation-line";
import { createCollabTestWorld } from "../server/api/collab-test-world";
import { warningsToStderr } from "../server/inference/ort-session";
import { QUEUE_NAME, redisConnection, workersKey } from "../server/inference/queue/jobs";
import { createQueuedInference } from "../server/inference/queue/queued";
import { killWorkerProcess, killWorkerProcesses, startWorkerProcess } from "../server/inference/queue/worker-process";
import { createInferenceThread } from "../server/inference/thread";
import type { Inference, InferenceRequest } from "../server/inference/types";
import { collabArgs, scaleCollabOptions } from "./scale/args";
import { printScaleCollab } from "./scale/print";
import { runScaleCollab } from "./scale/sections";
import { DEFAULT_MODEL_DIR } from "../server/inference/default-model";

const { values: args } = parseArgs({ options: { requests: { type: "string", default: "8" }, burst: { type: "string", default: "6" }, ...collabArgs } });
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `tandem-bench-${randomUUID().slice(0, 8)}`;
process.env.TANDEM_REDIS_PREFIX = prefix;
process.env.TANDEM_TEST_DB ??= "postgres";
const log = (m: string) => console.error(`[bench] ${m}`);
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const piece = loadPiece(path.resolve("lib/midi/fixtures/pop909-001.mid"), "bench");
if (!piece) throw new Error("lib/midi/fixtures/pop909-001.mid: not a piece the model reads");
const task = makeTask(piece, "infill", { startBar: 8, endBar: 12, pitchLo: 0, pitchHi: 127, trackIds: piece.tracks.map((t) => t.id) })!;
/** A typical request: 4 bars of every track, 3 candidates. */
const typical = (seed: number): InferenceRequest => ({ mode: "infill", notes: task.context, tracks: piece.tracks, meta: piece.meta, region: task.region, candidates: 3, temperature: 1, topP: 0.95, seed, timeoutMs: 300_000 });

process.setMaxListeners(0); // every y-websocket provider adds a process "exit" listener, and the collaboration runs 150
printScaleCollab(await runScaleCollab(scaleCollabOptions(args)));

const queued = await createQueuedInference({ redisUrl: REDIS_URL, log: warningsToStderr });
const workers: string[] = [];
let started = 0;
const addWorker = async () => {
  const name = `w${++started}`;
  await startWorkerProcess({ name, redisUrl: REDIS_URL, prefix });
  workers.push(name);
  while (queued.workers().length < workers.length) await new Promise((r) => setTimeout(r, 200));
};

async function perMinute(inference: Inference, n: number) {
  const t0 = performance.now();
  await Promise.all(Array.from({ length: n }, (_, i) => inference.generate(typical(i + 1))));
  return (n / (performance.now() - t0)) * 60_000;
}

try {
  const n = Number(args.requests);
  log("baseline: the app's own model thread");
  const thread = await createInferenceThread({ modelDir: DEFAULT_MODEL_DIR, provider: "cpu", log: warningsToStderr });
  await thread.generate(typical(0));
  const here = await perMinute(thread, n);
  await thread.close();
  log("1 worker");
  await addWorker();
  await queued.generate(typical(0));
  const one = await perMinute(queued, n);
  log("2 workers");
  await addWorker();
  const two = await perMinute(queued, n);

  log("a worker killed mid-job");
  const queueConnection = redisConnection(REDIS_URL);
  const queue = new Queue(QUEUE_NAME, { connection: queueConnection, prefix });
  let first = () => {};
  const heard = new Promise<void>((r) => (first = r));
  const failover = queued.generate({ ...typical(99), candidates: 8, onNote: () => first() });
  await heard;
  const [job] = await queue.getActive();
  const victim = job.processedBy!;
  const killedAt = performance.now();
  killWorkerProcess(victim);
  workers.splice(workers.indexOf(victim), 1);
  const done = await failover;
  const recovered = performance.now() - killedAt;
  await addWorker(); // back to two

  log("Bo behind Ada's burst");
  const song = readFileSync("lib/midi/fixtures/pop909-001.mid").toString("base64");
  async function boBehindBurst(line: GenerationLineOptions) {
    const world = await createCollabTestWorld({ generationTimeoutMs: 600_000 });
    world.services.inference = queued;
    world.services.generationLine = createGenerationLine(line);
    const ada = await world.signUp("Ada");
    const bo = await world.signUp("Bo");
    const { pieceId } = await ada.api.midi.importPiece({ file: { name: "song.mid", base64: song } });
    await bo.api.piece.acceptInvite(await ada.api.piece.createInvite({ pieceId, role: "editor" }));
    const trackIds = (await world.collab.readDoc(pieceId, readTracks)).map((t) => t.id);
    const ask = (who: typeof ada, seed: number) =>
      who.api.generation.request({ pieceId, mode: "infill", region: { startBar: 8, endBar: 12, pitchLo: 0, pitchHi: 127, trackIds }, candidates: 3, temperature: 1, seed });
    const burst = Array.from({ length: Number(args.burst) }, (_, i) => ask(ada, i + 1));
    await new Promise((r) => setTimeout(r, 100));
    const t0 = performance.now();
    await ask(bo, 1000);
    const bos = performance.now() - t0;
    await Promise.allSettled(burst);
    world.services.generationLine.close();
    await world.close();
    return bos;
  }
  const fair = await boBehindBurst({ concurrency: workers.length });
  const fifo = await boBehindBurst({ concurrency: 100, perPerson: 100 });
  await queue.close();
  await queueConnection.quit();

  console.log(`\nInference through the queue (BullMQ on ${REDIS_URL}), ${n} typical requests (4 bars, every track, 3 candidates) at once:\n`);
  console.log("| measurement | value | baseline in the same run |");
  console.log("|---|--:|--:|");
  console.log(`| generations a minute, 1 worker | ${one.toFixed(1)} | ${here.toFixed(1)} on the app's own model thread (${(one / here).toFixed(2)}x) |`);
  console.log(`| generations a minute, 2 workers | ${two.toFixed(1)} | ${one.toFixed(1)} with 1 worker (${(two / one).toFixed(2)}x) |`);
  console.log(`| worker killed mid-job (8 candidates) | done by ${done.worker} ${s(recovered)} after the kill | lock ${s(6000)} + stalled check ${s(3000)} at most before the retry starts |`);
  console.log(`| Bo's request behind Ada's ${args.burst} | ${s(fair)} through the line | ${s(fifo)} straight to the queue (first come, first served) |`);
} finally {
  killWorkerProcesses();
  const cleanupConnection = redisConnection(REDIS_URL);
  const queue = new Queue(QUEUE_NAME, { connection: cleanupConnection, prefix });
  await queue.obliterate({ force: true });
  await queue.close();
  await cleanupConnection.quit();
  const redis = redisConnection(REDIS_URL);
  await redis.del(workersKey(prefix));
  await redis.quit();
  await queued.close();
}
