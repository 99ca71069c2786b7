/**
 * The app's inference when REDIS_URL is set: each generation is a job on the queue (BullMQ on Redis), run by
 * whichever inference worker (worker.ts, `npm run worker`) takes it. Same contract as createInference: notes
 * stream back as the job's progress events, errors come back as the same classes, an abort removes a waiting job
 * or cancels a running one. A job whose worker dies is run once more by another worker (the caller hears
 * onRestart); a second death fails it with a plain message.
 */
import { randomUUID } from "node:crypto";
import { Queue, QueueEvents } from "bullmq";
import { InferenceCancelledError } from "../errors";
import type { InferenceLog } from "../ort-session";
import { fromWire } from "../thread-messages";
import { storeNetwork } from "./networks";
import type { Inference, InferenceRequest, InferenceResult } from "../types";
import {
  HEARTBEAT_MS,
  QUEUE_NAME,
  WORKER_GONE_MS,
  cancelChannel,
  queuePrefix,
  redisConnection,
  workersKey,
  type GenerationJobData,
  type GenerationJobResult,
  type NotesProgress,
  type WorkerEntry,
} from "./jobs";

export const NO_WORKER = "No inference worker is running for this server; start one with `npm run worker`";
export const WORKER_DIED_TWICE = "The model's worker stopped while writing this request, and again on the retry; try again";

export interface QueuedInferenceConfig {
  redisUrl: string;
  log: InferenceLog;
}

interface Waiting {
  resolve(r: InferenceResult & { worker: string }): void;
  reject(e: Error): void;
  onNote?: InferenceRequest["onNote"];
  onRestart?: InferenceRequest["onRestart"];
  attempt: number;
}

export interface QueuedInference extends Inference {
  /** The workers heard from lately. */
  workers(): WorkerEntry[];
  /** Stops a generation's job, whichever process asked for it (its `generationId`): one nobody waits for any more. */
  cancel(generationId: string): Promise<void>;
}

export async function createQueuedInference(cfg: QueuedInferenceConfig): Promise<QueuedInference> {
  const prefix = queuePrefix();
  const redis = redisConnection(cfg.redisUrl);
  // BullMQ leaves connections it was given open on close(): they are quit below, or the process could not exit.
  const connections = [redisConnection(cfg.redisUrl), redisConnection(cfg.redisUrl)];
  const queue = new Queue<GenerationJobData, GenerationJobResult>(QUEUE_NAME, { connection: connections[0], prefix });
  const events = new QueueEvents(QUEUE_NAME, { connection: connections[1], prefix });
  const waiting = new Map<string, Waiting>();
  let live: WorkerEntry[] = [];
  let closed = false;

  async function refreshWorkers() {
    const all = Object.values(await redis.hgetall(workersKey(prefix))).map((v) => JSON.parse(v) as WorkerEntry);
    live = all.filter((w) => w.seenAt > Date.now() - WORKER_GONE_MS);
  }
  const refresher = setInterval(() => void refreshWorkers().catch((e: Error) => cfg.log.warn(`inference queue: ${e.message}`)), HEARTBEAT_MS);
  events.on("progress", ({ jobId, data }) => {
    const w = waiting.get(jobId);
    const p = data as NotesProgress;
    if (!w || p.attempt < w.attempt) return; // a dead attempt's late notes
    if (p.attempt > w.attempt) {
      if (w.attempt > 0) w.onRestart?.();
      w.attempt = p.attempt;
    }
    for (const [candidate, note] of p.notes) w.onNote?.(candidate, note);
  });
  events.on("stalled", ({ jobId }) => {
    if (!waiting.has(jobId)) return;
    cfg.log.warn(`inference queue: the worker running generation job ${jobId} stopped; it runs once more on another`);
    waiting.get(jobId)!.onRestart?.();
  });
  events.on("completed", ({ jobId, returnvalue }) => {
    const w = waiting.get(jobId);
    if (!w) return;
    waiting.delete(jobId);
    const r = returnvalue as unknown as GenerationJobResult;
    if (r.ok) w.resolve({ ...r.result, worker: r.worker });
    else w.reject(fromWire(r.error));
  });
  events.on("failed", ({ jobId, failedReason }) => {
    const w = waiting.get(jobId);
    if (!w) return;
    waiting.delete(jobId);
    w.reject(new Error(/stalled more than allowable limit/.test(failedReason) ? WORKER_DIED_TWICE : `The model's worker failed: ${failedReason}`));
  });
  events.on("error", (e) => cfg.log.warn(`inference queue: ${e.message}`));
  await Promise.all([queue.waitUntilReady(), events.waitUntilReady(), refreshWorkers()]);

  return {
    workers: () => live,
    models: () => {
      const seen = new Map(live.flatMap((w) => w.models).map((m) => [`${m.name}@${m.version}`, m]));
      return [...seen.values()];
    },
    cancel,
    async generate({ signal, onNote, onRestart, generationId, network, ...req }) {
      if (closed) throw new Error("inference: the service is closed");
      if (signal?.aborted) throw new InferenceCancelledError();
      if (live.length === 0) await refreshWorkers();
      if (live.length === 0) throw new Error(NO_WORKER);
      const id = generationId ?? randomUUID();
      const done = new Promise<InferenceResult & { worker: string }>((resolve, reject) => {
        waiting.set(id, { resolve, reject, onNote, onRestart, attempt: 0 });
      });
      const onAbort = () => {
        const w = waiting.get(id);
        if (!w) return;
        waiting.delete(id);
        w.reject(new InferenceCancelledError());
        void cancel(id);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      try {
        if (network) await storeNetwork(redis, prefix, network);
        const data: GenerationJobData = { req: { ...req, network: network && { fingerprint: network.fingerprint }, streamNotes: onNote !== undefined } };
        await queue.add("generate", data, { jobId: id, removeOnComplete: { age: 3600 }, removeOnFail: { age: 24 * 3600 } });
        return await done;
      } catch (e) {
        waiting.delete(id);
        throw e;
      } finally {
        signal?.removeEventListener("abort", onAbort);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(refresher);
      for (const w of waiting.values()) w.reject(new Error("inference: the service is closed"));
      waiting.clear();
      await Promise.all([events.close(), queue.close()]);
      await Promise.all([redis, ...connections].map((c) => c.quit().catch(() => c.disconnect())));
    },
  };

  /** A waiting job leaves the queue; a running one is told to stop through the cancel channel. */
  async function cancel(id: string) {
    try {
      const job = await queue.getJob(id);
      if (job && (await job.getState()) !== "active") await job.remove();
    } catch {
      // it started in between: the channel stops it
    }
    await redis.publish(cancelChannel(prefix), id).catch(() => undefined);
  }
}
