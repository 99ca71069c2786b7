/**
 * Calls between app processes for the jams they run (REDIS_URL, issue 15): each process listens on a pub/sub channel
 * of its own, named by its process id; a request goes to the channel of the process that runs the jam, and the answer
 * comes back on the asker's, matched by the request's id. Nobody listening (the process is gone) fails at once; no
 * answer within the timeout (the process is stuck, or died meanwhile) fails then. Both are JamUnreachableError.
 */
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { Log } from "../log";
import { redisConnection, redisPrefix } from "../redis";
import { JamConflictError } from "./types";

export const ASK_TIMEOUT_MS = 5_000;

/** The process running a jam did not answer: it is gone, or too busy. */
export class JamUnreachableError extends Error {}

type Message<Req> =
  | { kind: "ask"; id: string; from: string; request: Req }
  | { kind: "answer"; id: string; value?: unknown; error?: { conflict: boolean; message: string } };

export interface JamBus<Req> {
  /** Resolves once this process hears calls: before that, a call for a jam of its own would find it gone. */
  readonly ready: Promise<void>;
  /** Asks process `to`; resolves with its answer, or rejects as its answer did (JamConflictError kept as such). */
  ask<T>(to: string, request: Req): Promise<T>;
  close(): Promise<void>;
}

export interface JamBusOptions<Req> {
  redisUrl: string;
  processId: string;
  log: Log;
  /** Answers another process's request (a JamConflictError thrown here reaches the asker as one). */
  answer(request: Req): Promise<unknown>;
  timeoutMs?: number;
}

export function createJamBus<Req>({ redisUrl, processId, log, answer, timeoutMs = ASK_TIMEOUT_MS }: JamBusOptions<Req>): JamBus<Req> {
  const channel = (id: string) => `${redisPrefix()}:process:${id}:jams`;
  const pub: Redis = redisConnection(redisUrl);
  const sub: Redis = redisConnection(redisUrl);
  for (const r of [pub, sub]) r.on("error", (e: Error) => log.warn("jam bus: Redis", { error: e.message }));
  const waiting = new Map<string, { resolve(value: unknown): void; reject(err: Error): void }>();
  const subscribed = sub.subscribe(channel(processId)).then(() => undefined);
  subscribed.catch((e: Error) => log.error("jam bus: could not listen for calls", { error: e.message }));

  const send = (to: string, message: Message<Req>) => pub.publish(channel(to), JSON.stringify(message));

  async function serve(m: Extract<Message<Req>, { kind: "ask" }>) {
    let reply: Message<Req>;
    try {
      reply = { kind: "answer", id: m.id, value: (await answer(m.request)) ?? null };
    } catch (err) {
      const conflict = err instanceof JamConflictError;
      if (!conflict) log.warn("jam call from another process failed", { from: m.from, error: String(err) });
      reply = { kind: "answer", id: m.id, error: { conflict, message: conflict ? (err as Error).message : "The jam's process could not do that" } };
    }
    await send(m.from, reply).catch((e: Error) => log.warn("jam bus: answer not sent", { to: m.from, error: e.message }));
  }

  sub.on("message", (_channel: string, raw: string) => {
    let m: Message<Req>;
    try {
      m = JSON.parse(raw) as Message<Req>;
    } catch {
      return log.warn("jam bus: a message that is not JSON, dropped", { bytes: raw.length });
    }
    if (m.kind === "ask") return void serve(m);
    const w = waiting.get(m.id);
    if (!w) return; // answered after its timeout
    waiting.delete(m.id);
    if (!m.error) w.resolve(m.value);
    else w.reject(m.error.conflict ? new JamConflictError(m.error.message) : new Error(m.error.message));
  });

  return {
    ready: subscribed,
    async ask<T>(to: string, request: Req): Promise<T> {
      await subscribed; // the answer must find us listening
      const id = randomUUID();
      const answered = new Promise<T>((resolve, reject) => waiting.set(id, { resolve: resolve as (v: unknown) => void, reject }));
      const timer = setTimeout(() => fail(`did not answer within ${timeoutMs / 1000} s`), timeoutMs);
      const fail = (why: string) => {
        const w = waiting.get(id);
        waiting.delete(id);
        w?.reject(new JamUnreachableError(`The server process running this jam ${why}; if it has stopped, the jam ends within seconds and another can start`));
      };
      try {
        if ((await send(to, { kind: "ask", id, from: processId, request })) === 0) fail("is gone"); // nobody listens there
        return await answered;
      } finally {
        clearTimeout(timer);
        waiting.delete(id); // the send failed: nothing will answer
      }
    },
    async close() {
      for (const w of waiting.values()) w.reject(new JamUnreachableError("This server is shutting down"));
      waiting.clear();
      await Promise.all([pub.quit(), sub.quit()]).catch(() => undefined);
    },
  };
}
