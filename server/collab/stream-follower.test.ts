/**
 * How a process follows a piece's stream (stream-follower.ts), on this machine's Redis through the real relay: pushes
 * taken in order, a lost push found by the next one (a gap) or by the poll (a quiet piece), and a join that misses
 * nothing appended meanwhile.
 */
import { randomUUID } from "node:crypto";
import { afterAll, expect, it, vi } from "vitest";
import { redisConnection, redisPrefix } from "../redis";
import { createRelay, type PieceRelay, type Relay } from "./relay";
import { StreamFollower } from "./stream-follower";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
process.env.TANDEM_REDIS_PREFIX = `tandem-test-${randomUUID().slice(0, 8)}`;
const quietLog = { info() {}, warn() {}, error() {} };
const NEVER = 600_000; // a poll that does not come within a test: only pushes and gap reads can bring entries
const redis = redisConnection(REDIS_URL);
const relays: Relay[] = [];

afterAll(async () => {
  await Promise.all(relays.map((r) => r.close()));
  const keys = await redis.keys(`${redisPrefix()}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

const relay = (pollMs = NEVER) => {
  const r = createRelay({ redisUrl: REDIS_URL, log: quietLog, pollMs });
  relays.push(r);
  return r;
};
const bytes = (...b: number[]) => new Uint8Array(b);

/** Joins `pieceId` on `r`, keeping what it is handed: each update's bytes, and the last entry id. */
async function follower(r: Relay, pieceId: string) {
  const got = { updates: [] as number[][], handovers: 0, last: null as string | null };
  const piece = await r.join(
    pieceId,
    {
      onUpdates: (updates) => (got.handovers++, got.updates.push(...updates.map((u) => [...u]))),
      onEntry: (id) => (got.last = id),
      onAwareness: () => {},
    },
    null,
  );
  return { got, piece };
}
/** An entry appended as if from another process whose push never arrived. */
const appendUnpushed = (pieceId: string, update: Uint8Array) =>
  redis.xadd(`${redisPrefix()}:piece:${pieceId}:updates`, "*", "from", "elsewhere", "u", Buffer.from(update)) as Promise<string>;

it("takes other processes' pushes in order, each once, and its own only as the last entry", async () => {
  const pieceId = randomUUID();
  const [a, b] = [await follower(relay(), pieceId), await follower(relay(), pieceId)];
  const ids: string[] = [];
  for (const u of [bytes(1, 0, 1), bytes(2, 0, 2), bytes(3, 0, 3)]) ids.push(await b.piece.publish(u, []));
  await vi.waitFor(() => expect(a.got.last).toBe(ids[2]), { timeout: 5000, interval: 10 });
  expect(a.got.updates).toEqual([[1, 0, 1], [2, 0, 2], [3, 0, 3]]); // a NUL in an update is kept
  await vi.waitFor(() => expect(b.got.last).toBe(ids[2]), { timeout: 5000, interval: 10 });
  expect(b.got.updates).toEqual([]);
});

it("reads the stream when a push does not follow the last entry taken: the one before it was lost", async () => {
  const pieceId = randomUUID();
  const a = await follower(relay(), pieceId);
  const sender = (await follower(relay(), pieceId)).piece;
  await appendUnpushed(pieceId, bytes(7));
  const last = await sender.publish(bytes(8), []);
  await vi.waitFor(() => expect(a.got.last).toBe(last), { timeout: 5000, interval: 10 });
  expect(a.got.updates).toEqual([[7], [8]]);
});

it("finds an entry whose push was lost on a quiet piece at the next poll", async () => {
  const pieceId = randomUUID();
  const a = await follower(relay(50), pieceId);
  const id = await appendUnpushed(pieceId, bytes(9));
  await vi.waitFor(() => expect(a.got.last).toBe(id), { timeout: 5000, interval: 10 });
  expect(a.got.updates).toEqual([[9]]);
});

it("misses nothing appended while it joins, and takes each entry once", async () => {
  const pieceId = randomUUID();
  const sender = (await follower(relay(), pieceId)).piece;
  let n = 0;
  let last = "";
  const sending = (async () => {
    while (n < 60) last = await sender.publish(bytes(n++), []);
  })();
  await new Promise((r) => setTimeout(r, 5));
  const late = await follower(relay(), pieceId);
  await sending;
  await vi.waitFor(() => expect(late.got.last).toBe(last), { timeout: 5000, interval: 10 });
  // What the join read (its backlog) and what followed it: every entry, in order, none twice.
  const backlog = (late.piece as PieceRelay).backlog.map((u) => u[0]);
  expect([...backlog, ...late.got.updates.map((u) => u[0])]).toEqual([...Array(60).keys()]);
});

it("reads the stream once as it starts to follow: an entry appended between the join's read and its subscription", async () => {
  const pieceId = randomUUID();
  const id = await appendUnpushed(pieceId, bytes(4)); // after the join read its backlog (none), before it subscribed
  const own = new StreamFollower({ processId: "me", redis, log: quietLog, pollMs: NEVER });
  let last: string | null = null;
  const updates: Uint8Array[] = [];
  own.follow(`${redisPrefix()}:piece:${pieceId}:updates`, "unused", "0-0", { onUpdates: (u) => updates.push(...u), onEntry: (i) => (last = i), onAwareness() {} });
  await vi.waitFor(() => expect(last).toBe(id), { timeout: 5000, interval: 10 });
  expect(updates).toEqual([bytes(4)]);
  await own.close();
});
