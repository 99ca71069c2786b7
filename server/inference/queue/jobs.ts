/**
 * What the app processes and the inference workers share through Redis (BullMQ): the queue's name, a job's data,
 * its progress events (notes as they are decoded) and its return value, the cancel channel and the workers' registry.
 */
import type { Note } from "../../../lib/doc-schema";
import type { ThreadRequest, WireError } from "../thread-messages";
import type { Inference, InferenceResult } from "../types";

export const QUEUE_NAME = "generations";

export { redisConnection, redisPrefix as queuePrefix } from "../../redis";

/** Where the app tells every worker that a running job was cancelled (job ids, one per message). */
export const cancelChannel = (prefix: string) => `${prefix}:${QUEUE_NAME}:cancel`;

/** A hash of the live workers: name -> WorkerEntry (JSON), refreshed every HEARTBEAT_MS. */
export const workersKey = (prefix: string) => `${prefix}:${QUEUE_NAME}:workers`;
export const HEARTBEAT_MS = 2_000;
/** A worker not heard from for this long is gone. */
export const WORKER_GONE_MS = 3 * HEARTBEAT_MS;

/** A job's lock: renewed every half of it while the worker lives; a killed worker's job is retried this long after. */
export const LOCK_MS = 6_000;
export const STALLED_CHECK_MS = 3_000;

export interface WorkerEntry {
  name: string;
  models: ReturnType<Inference["models"]>;
  concurrency: number;
  seenAt: number;
}

/** A request as a job carries it: its network by fingerprint only, the patch waiting in Redis (networks.ts). */
export type JobRequest = Omit<ThreadRequest, "network"> & { network?: { fingerprint: string } };

export interface GenerationJobData {
  req: JobRequest;
}

/** One progress event: notes decoded since the last, from one attempt of the job. */
export interface NotesProgress {
  attempt: number;
  notes: [candidate: number, note: Note][];
}

/** What a job returns: the result, or the service's own error (input, timeout...), which is final and not retried. */
export type GenerationJobResult = { worker: string } & ({ ok: true; result: InferenceResult } | { ok: false; error: WireError });
