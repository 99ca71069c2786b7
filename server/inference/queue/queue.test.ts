/**
 * Inference on the queue, against this machine's Redis (REDIS_URL, default redis://127.0.0.1:6379) with real
 * worker processes (`server/worker.ts`, the shipped model): notes stream through the queue, the service's errors keep
 * their classes, cancel works, a worker killed mid-job hands the job to another, a second death fails it plainly,
 * and no worker at all says so. Every process is started and stopped here; the run's queue keys are removed.
 */
import { randomUUID } from "node:crypto";
import path from "node:path";
import { Queue, QueueEvents } from "bullmq";
import { afterAll, beforeAll, expect, it } from "vitest";
import { scaledPatch, shippedModel } from "../adaptation/test-network";
import { InferenceCancelledError, InferenceInputError, NetworkPatchError } from "../errors";
import { fromWire } from "../thread-messages";
import { createInference } from "../index";
import type { Inference } from "../types";
import { testRequest } from "../test-piece";
import { QUEUE_NAME, redisConnection, workersKey, type GenerationJobData, type GenerationJobResult } from "./jobs";
import { NETWORK_TTL_S, networkKey } from "./networks";
import { killWorkerProcess, killWorkerProcesses, startWorkerProcess } from "./worker-process";
import { createQueuedInference, NO_WORKER, WORKER_DIED_TWICE, type QueuedInference } from "./queued";
import { DEFAULT_MODEL_DIR } from "../default-model";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const SHIPPED = path.join(ROOT, DEFAULT_MODEL_DIR);
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `tandem-test-${randomUUID().slice(0, 8)}`;
process.env.TANDEM_REDIS_PREFIX = prefix;

const log = { info: () => {}, warn: () => {} };
const small = () => testRequest({ candidates: 2, region: { startBar: 4, endBar: 6, pitchLo: 0, pitchHi: 127, trackIds: ["melody", "chords"] }, seed: 5, timeoutMs: 60_000 });
const long = () => testRequest({ candidates: 4, region: { startBar: 2, endBar: 6, pitchLo: 0, pitchHi: 127, trackIds: ["melody", "chords", "bass"] }, timeoutMs: 90_000 });

const startWorker = (name: string) => startWorkerProcess({ name, redisUrl: REDIS_URL, prefix, modelDir: SHIPPED });
const kill = (name: string) => killWorkerProcess(name);
/** The worker running the one active job (BullMQ records who took it). */
async function runner(): Promise<string> {
  const [job] = await queue.getActive();
  expect(job?.processedBy, "a job is running").toBeDefined();
  return job!.processedBy!;
}
/** Resolves at the first note heard. */
const noteHeard = () => {
  let heard = () => {};
  const first = new Promise<void>((r) => (heard = r));
  return { onNote: () => heard(), first };
};

const networkKeys: string[] = [];
let inference: QueuedInference;
let queue: Queue;
/** The shipped model in this process, for comparing with what the workers write: loaded once, while alpha starts. */
let local: Promise<Inference> | undefined;
const inProcess = () => (local ??= createInference({ modelDir: SHIPPED, provider: "cpu", threads: 1, log }));
/** Gamma and delta, started while the job of the test before them waits for its dead worker's lock to lapse. */
let gammaAndDelta: Promise<unknown> | undefined;
const startGammaAndDelta = () => (gammaAndDelta ??= Promise.all([startWorker("gamma"), startWorker("delta")]));
beforeAll(async () => {
  inference = await createQueuedInference({ redisUrl: REDIS_URL, log });
  queue = new Queue(QUEUE_NAME, { connection: redisConnection(REDIS_URL), prefix });
});
afterAll(async () => {
  await (await local)?.close();
  killWorkerProcesses();
  await inference?.close();
  await queue.obliterate({ force: true });
  await queue.close();
  const redis = redisConnection(REDIS_URL);
  await redis.del(workersKey(prefix), ...networkKeys);
  await redis.quit();
});

it("says plainly that no worker is running", async () => {
  expect(inference.models()).toEqual([]);
  await expect(inference.generate(small())).rejects.toThrow(NO_WORKER);
});

it("runs a generation on a worker: the same candidates as in-process, notes streamed, the worker named", async () => {
  await Promise.all([startWorker("alpha"), inProcess()]);
  const streamed: string[] = [];
  const res = await inference.generate({ ...small(), onNote: (c, n) => streamed.push(`${c}:${n.start}:${n.pitch}`) });
  expect(res.candidates).toEqual((await (await inProcess()).generate(small())).candidates);
  expect(res.worker).toBe("alpha");
  expect(streamed.sort()).toEqual(res.candidates.flatMap((c, i) => c.map((n) => `${i}:${n.start}:${n.pitch}`)).sort());
  expect(inference.models()[0]).toMatchObject({ name: "tandem-fim", provider: "cpu" });
});

it("gives back the service's errors as their classes, without a retry", async () => {
  const bad = inference.generate(testRequest({ region: { startBar: 4, endBar: 6, pitchLo: 0, pitchHi: 127, trackIds: ["no-such-track"] } }));
  await expect(bad).rejects.toBeInstanceOf(InferenceInputError);
  await expect(bad).rejects.toThrow(/no-such-track/);
});

it("carries a network patch through Redis, not the job: what in-process writes with it, not without", async () => {
  const { onnx, sha256 } = await shippedModel();
  const network = scaledPatch(onnx, sha256, 2);
  const key = networkKey(prefix, network.fingerprint);
  networkKeys.push(key);
  const res = await inference.generate({ ...small(), network });
  const redis = redisConnection(REDIS_URL);
  try {
    expect(Buffer.compare((await redis.getBuffer(key))!, network.patch)).toBe(0);
    expect(await redis.ttl(key)).toBeGreaterThan(NETWORK_TTL_S - 60);
    expect(res.candidates).toEqual((await (await inProcess()).generate({ ...small(), network })).candidates);
    expect(res.candidates).not.toEqual((await inference.generate(small())).candidates);
    await redis.expire(key, 60);
    expect((await inference.generate({ ...small(), network })).candidates).toEqual(res.candidates);
    expect(await redis.ttl(key)).toBeGreaterThan(NETWORK_TTL_S - 60); // renewed by the use
    const withNetwork = (await queue.getJobs(["completed"])).filter((j) => j.data.req.network);
    expect(withNetwork).toHaveLength(2);
    for (const job of withNetwork) expect(job.data.req.network).toEqual({ fingerprint: network.fingerprint }); // the bytes stay out of the jobs
  } finally {
    await redis.quit();
  }
});

it("tells the requester when a job's network is not in Redis", async () => {
  const connection = redisConnection(REDIS_URL); // BullMQ leaves it open on close()
  const events = new QueueEvents(QUEUE_NAME, { connection, prefix });
  try {
    await events.waitUntilReady();
    const data: GenerationJobData = { req: { ...small(), network: { fingerprint: "e".repeat(64) }, streamNotes: false } };
    const job = await queue.add("generate", data);
    const r = (await job.waitUntilFinished(events)) as GenerationJobResult;
    expect(r.ok).toBe(false);
    const e = fromWire((r as Extract<GenerationJobResult, { ok: false }>).error);
    expect(e).toBeInstanceOf(NetworkPatchError);
    expect(e).toMatchObject({ problem: "missing" });
    expect(e.message).toMatch(/network patch eeeeeeeeeeee is no longer in the queue's store .*; ask again/);
  } finally {
    await events.close();
    await connection.quit();
  }
});

it("cancels a running job and a waiting one, and goes on serving", async () => {
  const running = new AbortController();
  const waiting = new AbortController();
  const heard = noteHeard();
  const a = inference.generate({ ...long(), signal: running.signal, onNote: heard.onNote });
  const b = inference.generate({ ...long(), signal: waiting.signal });
  await heard.first;
  waiting.abort();
  running.abort();
  await expect(a).rejects.toBeInstanceOf(InferenceCancelledError);
  await expect(b).rejects.toBeInstanceOf(InferenceCancelledError);
  expect((await inference.generate(small())).worker).toBe("alpha");
});

it("hands a job whose worker is killed to another worker, and the caller hears the restart", { timeout: 120_000 }, async () => {
  const beta = startWorker("beta"); // up while the job runs, or before: either way the other worker
  const heard = noteHeard();
  let restarts = 0;
  const p = inference.generate({ ...long(), onNote: heard.onNote, onRestart: () => restarts++ });
  await heard.first;
  const first = await runner();
  kill(first);
  await beta;
  startGammaAndDelta().catch(() => undefined); // for the next test (which hears a failed start): their start overlaps the lock's lapse
  const res = await p;
  expect(res.worker).not.toBe(first);
  expect(restarts).toBeGreaterThanOrEqual(1);
  expect(res.candidates).toHaveLength(4);
});

it("fails a job whose worker dies on the retry too, with a plain message", { timeout: 120_000 }, async () => {
  await startGammaAndDelta(); // with the one left of alpha and beta: one dies, one retries and dies, one notices
  let second = () => {};
  const retried = new Promise<void>((r) => (second = r));
  let restarted = false;
  const heard = noteHeard();
  const p = inference.generate({
    ...long(),
    onNote: () => (restarted ? second() : heard.onNote()),
    onRestart: () => (restarted = true),
  });
  p.catch(() => undefined);
  await heard.first;
  kill(await runner());
  await retried;
  kill(await runner());
  await expect(p).rejects.toThrow(WORKER_DIED_TWICE);
});
