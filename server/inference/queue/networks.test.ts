/**
 * The queue's store of network patches on this machine's Redis (REDIS_URL, default redis://127.0.0.1:6379): the app
 * stores a patch once and renews it, refuses one under another's fingerprint, and a worker keeps what it read.
 */
import { randomUUID } from "node:crypto";
import { afterAll, expect, it } from "vitest";
import { writeNetworkPatch } from "../adaptation/network-patch";
import { asNetwork } from "../adaptation/test-network";
import { NetworkPatchError } from "../errors";
import { redisConnection } from "./jobs";
import { NETWORK_TTL_S, createNetworkFetcher, networkKey, storeNetwork } from "./networks";

const redis = redisConnection(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const prefix = `tandem-test-${randomUUID().slice(0, 8)}`;
const patch = (v: number) => asNetwork(writeNetworkPatch("0".repeat(64), [{ name: "w", dims: [3], values: new Float32Array(3).fill(v) }]));
afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

it("stores a patch under its fingerprint for a day, renews it at each use, and refuses a forged fingerprint", async () => {
  const a = patch(1);
  const key = networkKey(prefix, a.fingerprint);
  await storeNetwork(redis, prefix, a);
  expect(Buffer.compare((await redis.getBuffer(key))!, a.patch)).toBe(0);
  await redis.expire(key, 5);
  await storeNetwork(redis, prefix, a);
  expect(await redis.ttl(key)).toBeGreaterThan(NETWORK_TTL_S - 60);
  const forged = { fingerprint: patch(2).fingerprint, patch: patch(3).patch };
  await expect(storeNetwork(redis, prefix, forged)).rejects.toBeInstanceOf(NetworkPatchError);
  expect(await redis.exists(networkKey(prefix, forged.fingerprint))).toBe(0);
});

it("gives a worker the patch a job names, from memory once it read it, and says so when it is gone", async () => {
  const fetchNetwork = createNetworkFetcher(redis, prefix, 1);
  const [a, b] = [patch(4), patch(5)];
  await storeNetwork(redis, prefix, a);
  await storeNetwork(redis, prefix, b);
  expect((await fetchNetwork(a.fingerprint)).patch).toEqual(a.patch);
  await redis.del(networkKey(prefix, a.fingerprint));
  expect((await fetchNetwork(a.fingerprint)).patch).toEqual(a.patch); // kept in memory
  expect((await fetchNetwork(b.fingerprint)).patch).toEqual(b.patch); // pushes a out (one kept)
  const gone = fetchNetwork(a.fingerprint);
  await expect(gone).rejects.toBeInstanceOf(NetworkPatchError);
  await expect(gone).rejects.toMatchObject({ problem: "missing" });
  await expect(gone).rejects.toThrow(/is no longer in the queue's store .*; ask again/);
});
