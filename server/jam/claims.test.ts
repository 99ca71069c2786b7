/**
 * The cluster's jam claims on this machine's Redis: a jam whose process died is still held (its take is in the piece's
 * view) until a sweep takes it out of the registry to adopt it, so a process that loads the piece meanwhile keeps the
 * view (collab/room.ts drops only the jams nobody holds).
 */
import { randomUUID } from "node:crypto";
import { afterAll, expect, it } from "vitest";
import { dropRedisKeys } from "../testing/redis-keys";
import { createJamClaims } from "./claims";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `tandem-test-${randomUUID().slice(0, 8)}`;
process.env.TANDEM_REDIS_PREFIX = prefix;
const log = { info() {}, warn() {}, error() {} };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterAll(() => dropRedisKeys(REDIS_URL, prefix));

it("a dead process's jam stays held until a sweep takes it to adopt, then is held by its new home", async () => {
  const a = createJamClaims({ redisUrl: REDIS_URL, processId: "A", log, leaseMs: 300 });
  const b = createJamClaims({ redisUrl: REDIS_URL, processId: "B", log, leaseMs: 300 });
  try {
    expect(await a.take("p1", { id: "j1", leaderId: "u1", leaderName: "Ann" })).toBeNull();
    expect(await b.alive(["j1", "j2"])).toEqual(new Set(["j1"]));

    await a.close(); // A dies: nothing renews its home
    await sleep(450);
    expect(await b.home("j1")).toBeNull();
    expect(await b.alive(["j1"])).toEqual(new Set(["j1"])); // waiting for a sweep: a load keeps its view

    const { orphans } = await b.sweep();
    expect(orphans).toEqual([{ jamId: "j1", pieceId: "p1", leaderId: "u1" }]);
    expect(await b.adopt("p1", { id: "j1", leaderId: "u1" })).toBe(true);
    expect(await b.home("j1")).toBe("B");
    expect(await b.alive(["j1"])).toEqual(new Set(["j1"]));

    await b.forget("p1", "j1"); // kept or discarded: nobody holds it any more
    expect(await b.alive(["j1"])).toEqual(new Set());
  } finally {
    await b.close();
  }
});

it("with Redis out of reach, a call fails instead of waiting for ever, and close() returns", async () => {
  const lost = createJamClaims({ redisUrl: "redis://127.0.0.1:9", processId: "C", log, leaseMs: 300 }); // nothing listens on port 9
  const started = Date.now();
  await expect(lost.alive(["j1"])).rejects.toThrow();
  await expect(lost.take("p2", { id: "j2", leaderId: "u1", leaderName: "Ann" })).rejects.toThrow();
  await lost.close();
  expect(Date.now() - started).toBeLessThan(5_000);
}, 10_000);
