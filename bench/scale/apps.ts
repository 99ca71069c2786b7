/**
 * The app processes under test: the real server in child processes (server/testing/child-server.ts) on one fresh
 * PostgreSQL database, with Redis under a key prefix of the run's own, or without Redis (one process, as Tandem runs
 * today). Closing stops every process and the balancer, drops the database and deletes the prefix's Redis keys.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import net from "node:net";
import { createDb, type DbHandle } from "../../db";
import { redisConnection } from "../../server/redis";
import { createServerStorage, startChildServer, type ChildServer } from "../../server/testing/real-server";

/** The server's own default (server/env.ts): the bench measures the app as it is served. */
const PERSIST_DEBOUNCE_MS = "250";
const STOP_GRACE_MS = 10_000;

/**
 * A port free now. An app trusts sign-ups from its own origin only (http://127.0.0.1:PORT, server/app.ts), so it
 * must know its port before it starts rather than take any port (0).
 */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function stopBalancer(lb: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (lb.exitCode !== null || lb.signalCode !== null) return resolve();
    lb.once("exit", () => resolve());
    lb.kill("SIGTERM");
  });
}

export class Apps {
  readonly prefix = `tandem-bench-${randomUUID().slice(0, 8)}`;
  private readonly running = new Set<ChildServer>();
  private readonly balancers = new Set<ChildProcess>();

  private constructor(
    readonly redisUrl: string,
    private readonly storage: Awaited<ReturnType<typeof createServerStorage>>,
    readonly db: DbHandle,
  ) {}

  static async open(redisUrl: string): Promise<Apps> {
    const storage = await createServerStorage("postgres");
    return new Apps(redisUrl, storage, await createDb(storage.env.DATABASE_URL));
  }

  /** `count` app processes, started together; with `redis` false, one process without REDIS_URL. */
  async start(count: number, redis: boolean): Promise<ChildServer[]> {
    const cluster = redis ? { REDIS_URL: this.redisUrl, TANDEM_REDIS_PREFIX: this.prefix } : { REDIS_URL: undefined, TANDEM_REDIS_PREFIX: undefined };
    const env = { ...this.storage.env, PERSIST_DEBOUNCE_MS, ...cluster };
    const started = await Promise.allSettled(Array.from({ length: count }, async () => startChildServer({ ...env, PORT: String(await freePort()) })));
    for (const s of started) if (s.status === "fulfilled") this.running.add(s.value);
    const failed = started.find((s) => s.status === "rejected");
    if (failed) throw failed.reason;
    return started.map((s) => (s as PromiseFulfilledResult<ChildServer>).value);
  }

  /**
   * A TCP round-robin balancer in front of `apps`, in a process of its own as `npm run cluster` runs it
   * (server/cluster/lb.ts): in the bench's process it would wait on the bench's 150 clients; resolves with its HTTP base
   * and its process id.
   */
  async balance(apps: readonly ChildServer[]): Promise<{ base: string; pid: number }> {
    const port = await freePort();
    const backends = apps.map((a) => `127.0.0.1:${new URL(a.base).port}`).join(",");
    const lb = spawn(process.execPath, ["--import", "tsx", "server/cluster/lb.ts", "--port", String(port), "--backends", backends], {
      env: { ...process.env, HOST: "127.0.0.1" },
      // The IPC channel: the balancer stops with the bench however the bench ends (server/cluster/parent-watch.ts).
      stdio: ["ignore", "pipe", "inherit", "ipc"],
    });
    this.balancers.add(lb);
    await new Promise<void>((resolve, reject) => {
      let out = "";
      lb.stdout!.on("data", (b: Buffer) => (out += b.toString()).includes(`balancing port ${port}`) && resolve());
      lb.once("exit", (code) => reject(new Error(`the balancer exited (${code}) before listening: ${out}`)));
    });
    return { base: `http://127.0.0.1:${port}`, pid: lb.pid! };
  }

  /** Stops an app: SIGTERM saves what it holds first; SIGKILL after the grace period, or at once when asked. */
  async stop(app: ChildServer, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
    const late = setTimeout(() => app.proc.kill("SIGKILL"), STOP_GRACE_MS);
    await app.stop(signal);
    clearTimeout(late);
    this.running.delete(app);
  }

  async close(): Promise<void> {
    await Promise.all([...this.balancers].map(stopBalancer));
    await Promise.all([...this.running].map((app) => this.stop(app)));
    await this.db.close();
    await this.storage.drop();
    rmSync(this.storage.env.DATA_DIR, { recursive: true, force: true });
    const redis = redisConnection(this.redisUrl);
    try {
      const keys = await redis.keys(`${this.prefix}:*`); // the run's own keys; KEYS is no production call
      if (keys.length > 0) await redis.del(...keys);
    } finally {
      await redis.quit();
    }
  }
}
