/**
 * What `npm run cluster -- --apps N --workers M [--port P]` starts: a balancer on P, N app processes on P+1..P+N
 * and M inference workers, each with its environment. Refuses, with one line saying why, what cannot work: no Redis
 * to share pieces and jobs through, no PostgreSQL for the processes to share, no production build.
 */
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadEnv } from "../env";

export const ROOT = path.resolve(import.meta.dirname, "../..");
/** The production app process, as `npm run serve` starts it. */
export const APP_ENTRY = "server/index.ts";

export class ClusterConfigError extends Error {}

export interface ChildSpec {
  /** How its output lines are prefixed: app1, worker2, lb. */
  name: string;
  /** A TypeScript file from the repository root, run with tsx. */
  entry: string;
  args: string[];
  /** Its whole environment: the cluster's, with its own settings over it. */
  env: Record<string, string>;
}

export interface ClusterPlan {
  publicUrl: string;
  port: number;
  apps: { name: string; port: number }[];
  workerNames: string[];
  /** The balancer first, then the apps, then the workers. */
  children: ChildSpec[];
}

export interface PlanOptions {
  /** What each app process runs; tests give the server without Next's pages, which needs no build. */
  appEntry?: string;
  root?: string;
  hostname?: string;
}

const MAX_PROCESSES = 32;

function count(flag: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > MAX_PROCESSES) throw new ClusterConfigError(`--${flag} ${value}: a whole number from ${min} to ${MAX_PROCESSES}`);
  return n;
}

export function planCluster(argv: string[], source: NodeJS.ProcessEnv, o: PlanOptions = {}): ClusterPlan {
  const { appEntry = APP_ENTRY, root = ROOT, hostname = os.hostname() } = o;
  let flags;
  try {
    flags = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: { apps: { type: "string", default: "3" }, workers: { type: "string", default: "2" }, port: { type: "string" } },
    }).values;
  } catch (e) {
    throw new ClusterConfigError(`${(e as Error).message} (usage: npm run cluster -- --apps 3 --workers 2 [--port 3000])`);
  }
  const apps = count("apps", flags.apps, 1);
  const workers = count("workers", flags.workers, 0);
  const portText = flags.port ?? source.PORT ?? "3000";
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port + apps > 65535) throw new ClusterConfigError(`port ${portText}: the balancer's port, with room for ${apps} app ports above it (1 to ${65535 - apps})`);

  if (!source.REDIS_URL)
    throw new ClusterConfigError("REDIS_URL is not set: the app processes share pieces, and hand generations to the workers, through Redis (e.g. REDIS_URL=redis://127.0.0.1:6379)");
  if (!source.DATABASE_URL)
    throw new ClusterConfigError("DATABASE_URL is not set: the app processes share one PostgreSQL database (e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/tandem); the embedded PGlite serves one process only");
  let env;
  try {
    // Validates the rest as each process will, and keeps one session secret (DATA_DIR/session-secret) for them all:
    // a session cookie signed by one app must be accepted by the next.
    env = loadEnv({ ...source, PORT: String(port) });
  } catch (e) {
    throw new ClusterConfigError((e as Error).message.replace(/\n\s*/g, " "));
  }
  if (appEntry === APP_ENTRY && !existsSync(path.join(root, ".next/BUILD_ID")))
    throw new ClusterConfigError(`no production build in ${path.join(root, ".next")}: run \`npx next build\` first (the app processes run it, as npm run serve does)`);

  const shared = Object.fromEntries(Object.entries(source).filter((e): e is [string, string] => e[1] !== undefined));
  const publicUrl = source.PUBLIC_URL ?? `http://localhost:${port}`;
  const appList = Array.from({ length: apps }, (_, i) => ({ name: `app${i + 1}`, port: port + 1 + i }));
  const workerNames = Array.from({ length: workers }, (_, i) => `${source.WORKER_NAME ?? hostname}:worker${i + 1}`);
  return {
    publicUrl,
    port,
    apps: appList,
    workerNames,
    children: [
      { name: "lb", entry: "server/cluster/lb.ts", args: ["--port", String(port), "--backends", appList.map((a) => `127.0.0.1:${a.port}`).join(",")], env: shared },
      ...appList.map((a) => ({
        name: a.name,
        entry: appEntry,
        args: [],
        // Only the balancer faces the network. PUBLIC_URL is the balancer's: browsers send it as their Origin.
        // NODE_ENV and the allocator setting are what `npm run serve` gives the process.
        env: { ...shared, PORT: String(a.port), HOST: "127.0.0.1", PUBLIC_URL: publicUrl, SESSION_SECRET: env.SESSION_SECRET, NODE_ENV: "production", MALLOC_MMAP_THRESHOLD_: "131072" },
      })),
      ...workerNames.map((name, i) => ({ name: `worker${i + 1}`, entry: "server/worker.ts", args: [], env: { ...shared, WORKER_NAME: name } })),
    ],
  };
}
