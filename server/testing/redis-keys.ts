import { redisConnection } from "../redis";

/** Removes every key a test run wrote under its own TANDEM_REDIS_PREFIX (its clean-up; KEYS is no production call). */
export async function dropRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = redisConnection(url);
  try {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    await redis.quit();
  }
}
