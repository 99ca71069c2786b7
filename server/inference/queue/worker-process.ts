/**
 * An inference worker as its own process (`server/worker.ts`, what `npm run worker` runs), for the tests and
 * bench:scale, which start and kill real workers.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { DEFAULT_MODEL_DIR } from "../default-model";

const ROOT = path.resolve(import.meta.dirname, "../../..");

export interface WorkerProcessOptions {
  name: string;
  redisUrl: string;
  prefix: string;
  modelDir?: string;
  concurrency?: number;
}

const spawned = new Map<string, ChildProcess>();

/** Kills every worker process started here that is still running (a test's or a bench's clean-up). */
export function killWorkerProcesses(): void {
  for (const child of spawned.values()) child.kill("SIGKILL");
  spawned.clear();
}

/** kill -9 of one worker, as a crash or a lost machine would stop it. */
export function killWorkerProcess(name: string): void {
  spawned.get(name)?.kill("SIGKILL");
  spawned.delete(name);
}

/** Starts a worker process and resolves once it takes jobs; rejects with its output if it exits first. */
export function startWorkerProcess(o: WorkerProcessOptions): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/worker.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      REDIS_URL: o.redisUrl,
      TANDEM_REDIS_PREFIX: o.prefix,
      WORKER_NAME: o.name,
      MODEL_DIR: o.modelDir ?? path.join(ROOT, DEFAULT_MODEL_DIR),
      INFERENCE_PROVIDER: "cpu",
      INFERENCE_CONCURRENCY: String(o.concurrency ?? 1),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  spawned.set(o.name, child);
  child.once("exit", () => {
    if (spawned.get(o.name) === child) spawned.delete(o.name);
  });
  let out = "";
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes(`worker ${o.name}: takes generation jobs`)) resolve(child);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`worker ${o.name} exited (${code}) before it took jobs:\n${out}`)));
  });
}
