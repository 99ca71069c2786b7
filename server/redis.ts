/** What every use of Redis shares (the inference queue, the collaboration relay, jams): connections, the key prefix, leases. */
import { Redis } from "ioredis";

/** Every key and channel starts with this; tests and benches give each run its own. */
export const redisPrefix = (): string => process.env.TANDEM_REDIS_PREFIX ?? "tandem";

/** A connection that may block (BullMQ and XREAD need maxRetriesPerRequest: null). */
export const redisConnection = (url: string) => new Redis(url, { maxRetriesPerRequest: null });

/** A lease (KEYS[1], holder ARGV[1], ARGV[2] ms): taken if free, renewed if the holder's, in one step; 1 when held now. */
export const LEASE_SCRIPT = `
if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("PEXPIRE", KEYS[1], ARGV[2]) end
if redis.call("SET", KEYS[1], ARGV[1], "PX", ARGV[2], "NX") then return 1 end
return 0`;

/** Gives a lease (KEYS[1]) up if ARGV[1] holds it, so nobody need wait for it to expire. */
export const RELEASE_SCRIPT = `
if redis.call("GET", KEYS[1]) == ARGV[1] then redis.call("DEL", KEYS[1]) end
return 0`;
