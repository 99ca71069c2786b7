/**
 * An inference worker: takes generation jobs from the queue (BullMQ on Redis) and runs them on its own model
 * thread (createInferenceThread), so its event loop stays free to renew the jobs' locks. Notes go out as progress
 * events while they are decoded; a cancel on the channel aborts a running job. `npm run worker` starts one
 * (server/worker.ts).
 */
import { Worker, type Job } from "bullmq";
import type { Note } from "../../../lib/doc-schema";
import type { InferenceConfig } from "../index";
import { createInferenceThread } from "../thread";
import { toWire } from "../thread-messages";
import {
  HEARTBEAT_MS,
  LOCK_MS,
  QUEUE_NAME,
  STALLED_CHECK_MS,
  cancelChannel,
  queuePrefix,
  redisConnection,
  workersKey,
  type GenerationJobData,
  type GenerationJobResult,
  type NotesProgress,
  type WorkerEntry,
} from "./jobs";
import { createNetworkFetcher } from "./networks";

/** Notes are sent in batches at most this often: one progress event each. */
const NOTES_EVERY_MS = 100;

export interface InferenceWorkerConfig extends InferenceConfig {
  redisUrl: string;
  name: string;
  concurrency?: number;
}

export async function startInferenceWorker(cfg: InferenceWorkerConfig) {
  const prefix = queuePrefix();
  const concurrency = cfg.concurrency ?? 1;
  const inference = await createInferenceThread(cfg);
  const redis = redisConnection(cfg.redisUrl);
  const subscriber = redisConnection(cfg.redisUrl);
  const fetchNetwork = createNetworkFetcher(redis, prefix);
  const running = new Map<string, AbortController>();
  await subscriber.subscribe(cancelChannel(prefix));
  subscriber.on("message", (_channel, jobId: string) => running.get(jobId)?.abort());

  const entry = (): WorkerEntry => ({ name: cfg.name, models: inference.models(), concurrency, seenAt: Date.now() });
  const beat = () => redis.hset(workersKey(prefix), cfg.name, JSON.stringify(entry())).catch((e: Error) => cfg.log.warn(`worker: heartbeat failed (${e.message})`));
  await beat();
  const heartbeat = setInterval(beat, HEARTBEAT_MS);

  async function run(job: Job<GenerationJobData, GenerationJobResult>): Promise<GenerationJobResult> {
    const control = new AbortController();
    running.set(job.id!, control);
    let batch: NotesProgress["notes"] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    let sent: Promise<unknown> = Promise.resolve();
    const flush = () => {
      timer = undefined;
      const notes = batch;
      batch = [];
      if (notes.length > 0) sent = sent.then(() => job.updateProgress({ attempt: job.attemptsStarted, notes } satisfies NotesProgress)).catch(() => undefined);
    };
    const onNote = job.data.req.streamNotes
      ? (candidate: number, note: Note) => {
          batch.push([candidate, note]);
          timer ??= setTimeout(flush, NOTES_EVERY_MS);
        }
      : undefined;
    try {
      const { streamNotes: _, network, ...req } = job.data.req;
      const result = await inference.generate({ ...req, network: network && (await fetchNetwork(network.fingerprint)), signal: control.signal, onNote });
      return { worker: cfg.name, ok: true, result };
    } catch (e) {
      // The service's own errors are the request's answer, not a failure of the worker: no retry.
      return { worker: cfg.name, ok: false, error: toWire(e) };
    } finally {
      running.delete(job.id!);
      clearTimeout(timer);
      flush();
      await sent;
    }
  }

  const workerConnection = redisConnection(cfg.redisUrl); // BullMQ leaves it open on close(): quit below
  const worker = new Worker<GenerationJobData, GenerationJobResult>(QUEUE_NAME, run, {
    connection: workerConnection,
    prefix,
    concurrency,
    name: cfg.name,
    lockDuration: LOCK_MS,
    stalledInterval: STALLED_CHECK_MS,
    maxStalledCount: 1, // a job whose worker died runs once more, elsewhere; twice, and it fails
  });
  worker.on("error", (e) => cfg.log.warn(`worker: ${e.message}`));
  await worker.waitUntilReady();
  cfg.log.info(`worker ${cfg.name}: takes generation jobs (concurrency ${concurrency}, queue ${prefix}:${QUEUE_NAME})`);

  return {
    name: cfg.name,
    async close() {
      clearInterval(heartbeat);
      await worker.close(); // lets running jobs finish
      await redis.hdel(workersKey(prefix), cfg.name).catch(() => undefined);
      await Promise.all([inference.close(), ...[subscriber, redis, workerConnection].map((c) => c.quit().catch(() => c.disconnect()))]);
    },
  };
}
