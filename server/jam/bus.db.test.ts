/**
 * Calls between processes' jams (bus.ts) on this machine's Redis: answers and a jam's refusals cross as they are, any
 * other failure as a plain sentence; a process nobody hears from fails at once, one that does not answer at its timeout.
 */
import { randomUUID } from "node:crypto";
import { afterAll, expect, it } from "vitest";
import { dropRedisKeys } from "../testing/redis-keys";
import { createJamBus, JamUnreachableError, type JamBus } from "./bus";
import { JamConflictError } from "./types";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `tandem-test-${randomUUID().slice(0, 8)}`;
process.env.TANDEM_REDIS_PREFIX = prefix;
const log = { info() {}, warn() {}, error() {} };

type Req = { say: string };
const buses: JamBus<Req>[] = [];
const bus = (processId: string, answer: (r: Req) => Promise<unknown>) => {
  const b = createJamBus<Req>({ redisUrl: REDIS_URL, processId, log, answer, timeoutMs: 500 });
  buses.push(b);
  return b;
};

afterAll(async () => {
  await Promise.all(buses.map((b) => b.close()));
  await dropRedisKeys(REDIS_URL, prefix);
});

it("carries a call to the process named and its answer back; a refusal stays a refusal, other failures say little", async () => {
  const asker = bus("asker", async () => null);
  const owner = bus("owner", async ({ say }) => {
    if (say === "join") throw new JamConflictError("Ada plays along on that track: pick another");
    if (say === "break") throw new Error("connection to the database at 10.0.0.3 refused");
    return { heard: say };
  });
  await owner.ready;
  expect(await asker.ask("owner", { say: "play" })).toEqual({ heard: "play" });
  await expect(asker.ask("owner", { say: "join" })).rejects.toEqual(new JamConflictError("Ada plays along on that track: pick another"));
  await expect(asker.ask("owner", { say: "break" })).rejects.toThrow(/^The jam's process could not do that$/);
});

it("fails at once for a process nobody hears, and at the timeout for one that does not answer", async () => {
  const asker = bus("asker-2", async () => null);
  await bus("stuck", () => new Promise(() => {})).ready;
  let started = Date.now();
  await expect(asker.ask("gone", { say: "play" })).rejects.toThrow(new JamUnreachableError(
    "The server process running this jam is gone; if it has stopped, the jam ends within seconds and another can start",
  ));
  expect(Date.now() - started).toBeLessThan(400);
  started = Date.now();
  await expect(asker.ask("stuck", { say: "play" })).rejects.toThrow(/^The server process running this jam did not answer within 0.5 s/);
  expect(Date.now() - started).toBeGreaterThanOrEqual(490);
});
