/**
 * Which generations are running, across app processes (REDIS_URL, issue 15), in Redis, as jams are known
 * (server/jam/claims.ts): a generation runs in the process whose tRPC call awaits the model, and that process holds
 * - its home, a lease (GENERATION_LEASE_MS) holding the process id, taken before its view shows, renewed while it
 *   runs (generation-upkeep.ts), and left to lapse one lease after its last view is written: a process loading the
 *   piece meanwhile, whose copy may not have that view yet, gets it through the piece's stream, and must not take the
 *   view it has, still running, for a dead process's;
 * - its entry in a registry of the cluster's generations (generation -> piece), so that any process finds those whose
 *   home lapsed (their process died) and fails them.
 * A process loading a piece fails only the running views whose generation has no home (collab/stale-generations.ts).
 */
import type { Redis } from "ioredis";
import type { Log } from "../log";
import { LEASE_SCRIPT, ORPHANS_SCRIPT, redisPrefix, redisUpkeepConnection } from "../redis";

export const GENERATION_LEASE_MS = 6_000;

/** A generation whose process died: what its upkeep needs to fail it. */
export interface OrphanGeneration {
  generationId: string;
  pieceId: string;
}

export interface GenerationHomes {
  readonly processId: string;
  /** The generation runs here from now on; the call returned ends it (once its last view is written). */
  start(generationId: string, pieceId: string): Promise<() => Promise<void>>;
  /** Which of these generations some process still runs. */
  alive(generationIds: readonly string[]): Promise<Set<string>>;
  /** Renews the home of every generation this process runs. */
  renew(): Promise<void>;
  /** Takes the generations whose home lapsed out of the registry and returns them, except this process's own. */
  sweep(): Promise<OrphanGeneration[]>;
  /** Stops renewing and closes the connection: what is still held lapses. */
  close(): Promise<void>;
}

export interface GenerationHomesOptions {
  redisUrl: string;
  /** This process's id (the relay's): what its homes hold. */
  processId: string;
  log: Log;
  leaseMs?: number;
}

export function createGenerationHomes({ redisUrl, processId, log, leaseMs = GENERATION_LEASE_MS }: GenerationHomesOptions): GenerationHomes {
  const prefix = redisPrefix();
  const homeKey = (generationId: string) => `${prefix}:generation:${generationId}:home`;
  const registry = `${prefix}:generations`;
  // Out of reach, a command fails rather than waits: the upkeep logs and tries again, a start fails, a load keeps every
  // running view (collab/stale-generations.ts), and a shutdown does not wait for Redis.
  const redis: Redis = redisUpkeepConnection(redisUrl);
  redis.on("error", (e: Error) => log.warn("generation homes: Redis", { error: e.message }));
  const ours = new Set<string>();

  return {
    processId,
    async start(generationId, pieceId) {
      ours.add(generationId);
      await redis
        .multi()
        .set(homeKey(generationId), processId, "PX", leaseMs)
        .hset(registry, generationId, pieceId)
        .exec()
        .catch((e: unknown) => {
          ours.delete(generationId); // it does not run: nothing to renew
          throw e;
        });
      return async () => {
        ours.delete(generationId);
        // Out of the registry (no orphan to sweep); on failure it is swept, and its ended row and view stay as they are.
        await redis
          .multi()
          .pexpire(homeKey(generationId), leaseMs)
          .hdel(registry, generationId)
          .exec()
          .catch((e: Error) => log.warn("generation homes: an ended generation's home not let go (it lapses)", { generationId, error: e.message }));
      };
    },
    async alive(generationIds) {
      if (generationIds.length === 0) return new Set<string>();
      const found = await redis.mget(...generationIds.map(homeKey));
      return new Set(generationIds.filter((_, i) => found[i] !== null));
    },
    async renew() {
      if (ours.size === 0) return;
      const batch = redis.pipeline();
      for (const generationId of ours) batch.eval(LEASE_SCRIPT, 1, homeKey(generationId), processId, leaseMs);
      const failed = ((await batch.exec()) ?? []).find(([err]) => err)?.[0];
      if (failed) throw failed; // a pipeline answers each command's error instead of rejecting: the upkeep says so, and tries again
    },
    async sweep() {
      const all = Object.entries(await redis.hgetall(registry)).filter(([generationId]) => !ours.has(generationId));
      if (all.length === 0) return [];
      const ids = all.map(([generationId]) => generationId);
      const gone = new Set((await redis.eval(ORPHANS_SCRIPT, ids.length + 1, registry, ...ids.map(homeKey), ...ids)) as string[]);
      return all.filter(([generationId]) => gone.has(generationId)).map(([generationId, pieceId]) => ({ generationId, pieceId }));
    },
    async close() {
      ours.clear();
      await redis.quit().catch(() => undefined);
    },
  };
}
