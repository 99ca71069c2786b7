/**
 * Test support (issue 15): app processes on this machine's Redis and PostgreSQL and one inference worker, each a
 * child process a test can SIGKILL, over a fresh database and Redis keys of their own, all gone after stop().
 * Several processes cannot share an embedded PGlite: this is PostgreSQL only.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { dropRedisKeys } from "./redis-keys";
import { createServerStorage, startChildServer, type ChildServer } from "./real-server";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const WORKER_WAIT_MS = 60_000;

export interface ProcessCluster {
  apps: ChildServer[];
  /** The database every app uses, for a test that checks what they recorded. */
  databaseUrl: string;
  /** Kills every process left, drops the database and the Redis keys. */
  stop(): Promise<void>;
}

export async function startProcessCluster(appCount: number): Promise<ProcessCluster> {
  const prefix = `tandem-test-${randomUUID().slice(0, 8)}`;
  const storage = await createServerStorage("postgres");
  const env = { ...storage.env, REDIS_URL, TANDEM_REDIS_PREFIX: prefix };
  const apps: ChildServer[] = [];
  // With an IPC channel, the worker stops with this process however it ends (server/cluster/parent-watch.ts).
  const worker = spawn(process.execPath, ["--import", "tsx", "server/worker.ts"], {
    env: { ...process.env, ...env, INFERENCE_PROVIDER: "cpu", WORKER_NAME: `${prefix}-worker` },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const stop = async () => {
    await Promise.all(apps.map((app) => app.stop("SIGKILL")));
    await kill(worker);
    await storage.drop();
    await dropRedisKeys(REDIS_URL, prefix);
  };
  try {
    for (let i = 0; i < appCount; i++) apps.push(await startChildServer(env));
    for (const app of apps) await workerSeenBy(app);
  } catch (e) {
    await stop();
    throw e;
  }
  return { apps, databaseUrl: storage.env.DATABASE_URL, stop };
}

/** Until the app's health lists the worker's model: the app may take generations and jams. */
async function workerSeenBy(app: ChildServer): Promise<void> {
  const models = async () => ((await (await fetch(`${app.base}/api/health`)).json()) as { models: unknown[] }).models.length;
  const end = Date.now() + WORKER_WAIT_MS;
  while ((await models()) === 0) {
    if (Date.now() > end) throw new Error("the inference worker never showed up");
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function kill(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((r) => proc.once("exit", r));
  proc.kill("SIGKILL");
  await exited;
}
