/**
 * The generations' upkeep (generation-upkeep.ts) while Redis cannot be reached (issue 15). Process A's generation
 * homes reach this machine's Redis through a TCP relay (server/cluster/balancer.ts) that the test cuts, for longer than
 * a lease, and brings back on the same port. Meanwhile each sweep logs that it failed and the next tries again; nothing
 * is failed, not A's own running generation, and nothing crashes; once Redis is back A holds its generation's home
 * again and fails the dead process's generation that was waiting in the registry. A shutdown while Redis is out of
 * reach does not wait for it. Only Redis is needed: the database and the piece are fakes that record what is failed.
 */
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { afterAll, expect, it, vi } from "vitest";
import type { Db } from "../../db";
import { createBalancer, type Balancer } from "../cluster/balancer";
import { redisConnection } from "../redis";
import { dropRedisKeys } from "../testing/redis-keys";
import { createGenerationHomes } from "./generation-homes";
import { startGenerationUpkeep } from "./generation-upkeep";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `tandem-test-${randomUUID().slice(0, 8)}`;
process.env.TANDEM_REDIS_PREFIX = prefix;
const LEASE_MS = 1_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A relay to Redis on `port` (0: any). */
async function relayToRedis(port = 0): Promise<Balancer> {
  const { hostname, port: redisPort } = new URL(REDIS_URL);
  const relay = createBalancer({ backends: [{ host: hostname, port: Number(redisPort || 6379) }] });
  await new Promise<void>((resolve) => relay.server.listen(port, "127.0.0.1", resolve));
  return relay;
}

const direct = redisConnection(REDIS_URL);
afterAll(async () => {
  await direct.quit();
  await dropRedisKeys(REDIS_URL, prefix);
});

it("a sweep that cannot reach Redis logs and tries again, fails nothing, and picks up where it was once Redis is back", async () => {
  let relay: Balancer | null = await relayToRedis();
  const port = (relay.server.address() as AddressInfo).port;
  const cut = async () => {
    await relay?.close();
    relay = null;
  };
  const warnings: string[] = [];
  const log = { info() {}, warn: (msg: string) => void warnings.push(msg), error: (msg: string) => void warnings.push(msg) };
  const failed: string[] = []; // generations failed, in the database, in their piece or on the workers
  const db = { update: () => ({ set: () => ({ where: async () => undefined }) }) } as unknown as Db;
  const collab = { failGenerationViews: async (_pieceId: string, ids: readonly string[]) => void failed.push(...ids) };
  const homes = createGenerationHomes({ redisUrl: `redis://127.0.0.1:${port}`, processId: "A", log, leaseMs: LEASE_MS });
  const upkeep = startGenerationUpkeep({ homes, db, collab, log, cancelRun: async (id) => void failed.push(`run ${id}`), checkMs: 100 });
  try {
    await homes.start("ours", "p1"); // A runs it
    await cut(); // Redis out of reach, for longer than a lease: A's home lapses in Redis
    await direct.hset(`${prefix}:generations`, "dead", "p1"); // a generation whose process died meanwhile, home and all
    await sleep(LEASE_MS + 500);
    const failedSweeps = warnings.filter((w) => w === "generation upkeep failed; tried again shortly").length;
    expect(failedSweeps).toBeGreaterThanOrEqual(2); // each sweep says so, and the next tries again
    expect(failed).toEqual([]);
    expect(await direct.get(`${prefix}:generation:ours:home`)).toBeNull();

    relay = await relayToRedis(port);
    await vi.waitFor(() => expect(failed).toEqual(["dead", "run dead"]), { timeout: 5_000, interval: 50 });
    expect(await direct.get(`${prefix}:generation:ours:home`)).toBe("A"); // renewed: A still runs it, and nobody fails it
    await sleep(300);
    expect(failed).toEqual(["dead", "run dead"]);

    await cut(); // a shutdown while Redis is out of reach does not wait for it
    await sleep(200);
    const closing = Date.now();
    await upkeep.close();
    await homes.close();
    expect(Date.now() - closing).toBeLessThan(2_000);
  } finally {
    relay ??= await relayToRedis(port); // whatever failed, what is left closes
    await upkeep.close();
    await homes.close();
    await cut();
  }
}, 20_000);
