/**
 * The model's line when several app processes share inference workers (REDIS_URL): one line in Redis for the whole
 * cluster, in the same fair order as the one-process line (generation-line.ts), with the same cap a person across
 * every process, and as many generations running at once as the live workers take (their concurrency, summed).
 *
 * Each process polls the line for its own places (POLL_MS): one script renews them, starts what may start and says
 * where each one stands. A process that dies stops renewing its places, and they leave the line within PLACE_TTL_MS.
 */
import type { Redis } from "ioredis";
import type { Log } from "../log";
import { redisConnection, redisPrefix } from "../redis";
import { lineFailure, MAX_REQUESTS_PER_PERSON, tooManyRequests, type GenerationLine, type LinePlace } from "./generation-line";
import { FairQueueError } from "../fair-queue";
import { JOIN, LEAVE, lineKeys, POLL } from "./shared-line-scripts";

/** How often a process looks at the line for its places. */
export const POLL_MS = 200;
/** A place whose process has not renewed it for this long is dropped (the process died). */
export const PLACE_TTL_MS = 5_000;
const MAX_WAIT_MS = 10 * 60_000;

export interface SharedGenerationLineOptions {
  redisUrl: string;
  log: Log;
  /** Generations that may run at once across the cluster: the live workers' concurrency, summed (at least 1). */
  slots(): number;
  perPerson?: number;
  maxWaitMs?: number;
  /** How long a place lives unrenewed (PLACE_TTL_MS). */
  placeTtlMs?: number;
}

interface Local {
  position: number;
  onPosition(position: number): void;
  start(): void;
  fail(error: FairQueueError): void;
  timer: NodeJS.Timeout;
  state: "waiting" | "running";
}

export function createSharedGenerationLine(opts: SharedGenerationLineOptions): GenerationLine {
  const perPerson = opts.perPerson ?? MAX_REQUESTS_PER_PERSON;
  const maxWaitMs = opts.maxWaitMs ?? MAX_WAIT_MS;
  const ttl = opts.placeTtlMs ?? PLACE_TTL_MS;
  const redis: Redis = redisConnection(opts.redisUrl);
  redis.on("error", (e: Error) => opts.log.warn("generation line: Redis", { error: e.message }));
  const keys = lineKeys(redisPrefix());
  const mine = new Map<string, Local>(); // this process's places, by generation id
  let closed = false;
  let polling: Promise<void> | null = null;

  const run = (script: string, ...args: (string | number)[]) => redis.eval(script, keys.length, ...keys, ...args);

  async function poll() {
    const ids = [...mine.keys()];
    const now = Date.now();
    const states = (await run(POLL, now, now + ttl, Math.max(1, opts.slots()), ...ids)) as number[];
    ids.forEach((id, i) => {
      const local = mine.get(id);
      if (!local || local.state === "running") return;
      const s = states[i];
      if (s === 0) {
        local.state = "running";
        clearTimeout(local.timer);
        local.start();
      } else if (s < 0) {
        drop(id, new FairQueueError("lost", "its place lapsed (the line did not hear from this server in time)"));
      } else if (s !== local.position) {
        local.position = s;
        local.onPosition(s);
      }
    });
  }
  const timer = setInterval(() => {
    if (polling || closed) return;
    polling = poll()
      .catch((e: Error) => opts.log.warn("generation line: polling failed", { error: e.message }))
      .finally(() => (polling = null));
  }, POLL_MS);

  /** Takes a place out of the line, here and in Redis; a waiting one's turn fails with `error`. */
  function drop(id: string, error?: FairQueueError): Promise<void> {
    const local = mine.get(id);
    if (!local) return Promise.resolve();
    mine.delete(id);
    clearTimeout(local.timer);
    if (error && local.state === "waiting") local.fail(error);
    return run(LEAVE, id).then(
      () => undefined,
      (e: Error) => opts.log.warn("generation line: leaving failed (the place lapses)", { error: e.message }),
    );
  }

  return {
    async join(requesterId, generationId, onPosition): Promise<LinePlace> {
      if (closed) throw lineFailure(new FairQueueError("closed", "the line is closed"), maxWaitMs);
      const now = Date.now();
      if ((await run(JOIN, requesterId, generationId, perPerson, now + ttl)) === 0) {
        throw tooManyRequests(perPerson);
      }
      let start!: () => void;
      let fail!: (e: FairQueueError) => void;
      const turn = new Promise<void>((resolve, reject) => {
        start = resolve;
        fail = reject;
      }).catch((e: FairQueueError) => {
        throw lineFailure(e, maxWaitMs);
      });
      turn.catch(() => undefined); // failed before anyone awaits it: no unhandled rejection
      const local: Local = {
        position: 0,
        onPosition,
        start,
        fail,
        state: "waiting",
        timer: setTimeout(() => drop(generationId, new FairQueueError("timeout", `waited ${maxWaitMs} ms in line`)), maxWaitMs),
      };
      mine.set(generationId, local);
      await poll().catch((e: Error) => opts.log.warn("generation line: polling failed", { error: e.message }));
      return { turn, leave: () => void drop(generationId, new FairQueueError("cancelled", "left the line")) };
    },
    // Once it runs, a discard lets it finish and hides the result, as on one process.
    withdraw(generationId) {
      if (mine.get(generationId)?.state === "waiting") void drop(generationId, new FairQueueError("cancelled", "withdrawn while it waited"));
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      await polling;
      // Waiting places fail; running ones finish, but their slots are given back now: this process is going.
      await Promise.all([...mine.keys()].map((id) => drop(id, new FairQueueError("closed", "the line was closed"))));
      await redis.quit().catch(() => undefined);
    },
  };
}
