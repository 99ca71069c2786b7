/**
 * Network patches on their way to the inference workers. Job data is JSON and a patch is megabytes, so the app keeps
 * each patch once in Redis under its fingerprint (for a day, renewed at each use) and the job names only the
 * fingerprint; a worker reads the patch there and keeps the last few it read.
 */
import type { Redis } from "ioredis";
import { networkFingerprint } from "../adaptation/network-patch";
import { NetworkPatchError } from "../errors";
import type { InferenceNetwork } from "../types";

export const NETWORK_TTL_S = 24 * 3600;
/** Patches a worker keeps in memory, most recently used: a warm worker runs a class's style without a fetch. */
export const NETWORKS_KEPT = 4;

export const networkKey = (prefix: string, fingerprint: string) => `${prefix}:networks:${fingerprint}`;

/** App side: the patch is in the store for the next day after this. Its bytes go to Redis only when they are not there. */
export async function storeNetwork(redis: Redis, prefix: string, { fingerprint, patch }: InferenceNetwork): Promise<void> {
  const key = networkKey(prefix, fingerprint);
  if ((await redis.expire(key, NETWORK_TTL_S)) === 1) return;
  // The store is content-addressed: a patch kept under another's fingerprint would run for that one until it expired.
  if (networkFingerprint(patch) !== fingerprint)
    throw new NetworkPatchError("malformed", `the network patch's fingerprint ${fingerprint.slice(0, 12)} is not the sha256 of its bytes`);
  await redis.set(key, Buffer.from(patch.buffer, patch.byteOffset, patch.byteLength), "EX", NETWORK_TTL_S, "NX");
}

/** Worker side: the patch a job names, from memory or from the store. */
export function createNetworkFetcher(redis: Redis, prefix: string, kept = NETWORKS_KEPT): (fingerprint: string) => Promise<InferenceNetwork> {
  const cache = new Map<string, Promise<Uint8Array>>(); // in order of use: the first is the least recently used
  const fetch = async (fingerprint: string) => {
    const bytes = await redis.getBuffer(networkKey(prefix, fingerprint));
    if (!bytes)
      throw new NetworkPatchError("missing", `the style's network patch ${fingerprint.slice(0, 12)} is no longer in the queue's store (it expired, or Redis lost it); ask again`);
    return new Uint8Array(bytes); // a copy of its own size: the reply may be a view of a larger buffer, all of which a thread message would copy
  };
  return async (fingerprint) => {
    let patch = cache.get(fingerprint);
    if (patch) cache.delete(fingerprint);
    else {
      patch = fetch(fingerprint);
      const mine = patch;
      mine.catch(() => cache.get(fingerprint) === mine && cache.delete(fingerprint));
    }
    cache.set(fingerprint, patch);
    for (const oldest of cache.keys()) {
      if (cache.size <= kept) break;
      cache.delete(oldest);
    }
    return { fingerprint, patch: await patch };
  };
}
