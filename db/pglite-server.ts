import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Worker } from "node:worker_threads";

export interface PgliteServer {
  /** node-postgres `host` for the socket (a directory holding `.s.PGSQL.5432`, as PostgreSQL lays it out). */
  host: string;
  port: number;
  close(): Promise<void>;
  /** The database's data directory as a tarball, to start another from (startPgliteServer's `from`). */
  dump(): Promise<Uint8Array>;
}

type WorkerMessage = { type: "ready" } | { type: "closed" } | { type: "dump"; tarball: Uint8Array } | { type: "error"; message: string };

/**
 * Creates the database in `dataDir` when there is none, in a process of its own (pglite-init.mjs): the memory initdb
 * leaves behind would otherwise stay with this process for good. An in-memory database is created where it is served.
 */
async function initialize(dataDir: string): Promise<void> {
  if (dataDir.startsWith("memory://") || existsSync(join(dataDir, "PG_VERSION"))) return;
  const script = fileURLToPath(new URL("./pglite-init.mjs", import.meta.url));
  try {
    await promisify(execFile)(process.execPath, [script, dataDir]);
  } catch (err) {
    const detail = (err as { stderr?: string }).stderr?.trim() || (err as Error).message;
    throw new Error(`the embedded database (PGlite in ${dataDir}) could not be created: ${detail}`);
  }
}

export interface PgliteServerOptions {
  /** An in-memory database's start: another's dump() instead of a new, empty database. */
  from?: Uint8Array;
  /** The thread's niceness on Linux (pglite-worker.mjs says why it is 10 unless given). */
  nice?: number;
}

/**
 * Starts PGlite on `dataDir` in a worker thread, serving the Postgres protocol on a Unix socket in a fresh private
 * (0700) directory: its WASM runs off the event loop, and nothing outside this process's user can reach it.
 */
export async function startPgliteServer(dataDir: string, { from, nice }: PgliteServerOptions = {}): Promise<PgliteServer> {
  await initialize(dataDir);
  const dir = await mkdtemp(join(tmpdir(), "tandem-pglite-"));
  const port = 5432;
  const worker = new Worker(new URL("./pglite-worker.mjs", import.meta.url), {
    workerData: { dataDir, socketPath: join(dir, `.s.PGSQL.${port}`), from, nice },
  });
  const next = <T extends WorkerMessage["type"]>(want: T) =>
    new Promise<Extract<WorkerMessage, { type: T }>>((resolve, reject) => {
      const onMessage = (m: WorkerMessage) => {
        if (m.type === want) resolve(m as Extract<WorkerMessage, { type: T }>);
        else if (m.type === "error") reject(new Error(`the embedded database (PGlite in ${dataDir}) failed to start: ${m.message}`));
        else return;
        worker.off("message", onMessage);
        worker.off("error", reject);
      };
      worker.on("message", onMessage);
      worker.once("error", reject);
    });
  try {
    await next("ready");
  } catch (err) {
    await worker.terminate();
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  // Only the pool's sockets keep the process alive; a caller that closes everything may exit.
  worker.unref();
  let closing: Promise<void> | null = null;
  return {
    host: dir,
    port,
    async dump() {
      const reply = next("dump");
      worker.postMessage({ type: "dump" });
      return (await reply).tarball;
    },
    close: () =>
      (closing ??= (async () => {
        const closed = next("closed");
        worker.postMessage({ type: "close" });
        await closed;
        await worker.terminate();
        await rm(dir, { recursive: true, force: true });
      })()),
  };
}
