/**
 * What every use of Redis shares (the inference queue, the collaboration relay, jams, generations): connections, the
 * key prefix, leases, and the registries of what runs in which process.
 */
import { Redis } from "ioredis";

/** Every key and channel starts with this; tests and benches give each run its own. */
export const redisPrefix = (): string => process.env.TANDEM_REDIS_PREFIX ?? "tandem";

/** A connection that may block, or waits out a lost Redis (BullMQ needs maxRetriesPerRequest: null; so do the relay's reads). */
export const redisConnection = (url: string) => new Redis(url, { maxRetriesPerRequest: null });

/**
 * A connection for many small commands that never block (the collaboration relay's appends): what is sent in one
 * turn of the event loop goes out in one write (ioredis's auto-pipelining), in the order it was sent.
 */
export const redisPipelinedConnection = (url: string) => new Redis(url, { maxRetriesPerRequest: null, enableAutoPipelining: true });

/**
 * A connection whose commands fail while Redis is out of reach (after a second reconnection attempt fails) instead of
 * waiting for it: for an upkeep that renews leases and sweeps every few seconds, which logs the failure and tries again
 * on its next round, and whose shutdown must not wait for Redis. It rides out one dropped connection.
 */
export const redisUpkeepConnection = (url: string) => new Redis(url, { maxRetriesPerRequest: 1 });

/** A lease (KEYS[1], holder ARGV[1], ARGV[2] ms): taken if free, renewed if the holder's, in one step; 1 when held now. */
export const LEASE_SCRIPT = `
if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("PEXPIRE", KEYS[1], ARGV[2]) end
if redis.call("SET", KEYS[1], ARGV[1], "PX", ARGV[2], "NX") then return 1 end
return 0`;

/** Gives a lease (KEYS[1]) up if ARGV[1] holds it, so nobody need wait for it to expire. */
export const RELEASE_SCRIPT = `
if redis.call("GET", KEYS[1]) == ARGV[1] then redis.call("DEL", KEYS[1]) end
return 0`;

/**
 * What a process runs (a jam, a generation) is known to the cluster by its home, a lease on a key of its own holding
 * the process id, and by its entry in a registry hash (id -> what a sweep needs). KEYS: the registry, then each one's
 * home; ARGV: the ids. The ids still registered whose home is gone (their process died), taken out in the same step, so
 * that one forgotten meanwhile (home and entry go together) is no orphan, and only one process finds each orphan.
 */
export const ORPHANS_SCRIPT = `
local gone = {}
for i, id in ipairs(ARGV) do
  if redis.call("EXISTS", KEYS[i + 1]) == 0 and redis.call("HDEL", KEYS[1], id) == 1 then table.insert(gone, id) end
end
return gone`;
