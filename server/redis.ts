/** What every use of Redis shares (the inference queue, the collaboration relay): connections and the key prefix. */
import { Redis } from "ioredis";

/** Every key and channel starts with this; tests and benches give each run its own. */
export const redisPrefix = (): string => process.env.TANDEM_REDIS_PREFIX ?? "tandem";

/** A connection that may block (BullMQ and XREAD need maxRetriesPerRequest: null). */
export const redisConnection = (url: string) => new Redis(url, { maxRetriesPerRequest: null });
