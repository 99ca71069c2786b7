/** The servers bench:memory measures, each in a process of its own: this checkout's, an older commit's, the stock one. */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { createServerStorage, startChildServer } from "../../server/testing/real-server";
import { startServer } from "../collab/server-process";

export interface MeasuredServer {
  name: string;
  pid: number;
  /** The Tandem HTTP base; null for the stock y-websocket server (idle memory only). */
  base: string | null;
  stop(): Promise<void>;
}

// Rooms unload a second after their last client leaves (default 30 s), so the bench can wait for it.
const BENCH_ENV = { COLLAB_IDLE_UNLOAD_MS: "1000" };

/**
 * The real server from `checkout` on `db`: server/testing/child-server.ts (everything but Next's pages), or with
 * `next` server/index.ts in production, as `npm run serve` runs it (it needs a `next build`).
 */
export async function startTandem(name: string, db: "pglite" | "postgres", opts: { checkout?: string; next?: boolean } = {}): Promise<MeasuredServer> {
  const cwd = opts.checkout ?? process.cwd();
  const storage = await createServerStorage(db);
  // A known port (not 0): sign-up checks the request's Origin against the server's own, which names its PORT.
  const port = String(await freePort());
  const env = { ...storage.env, ...BENCH_ENV, PORT: port, ...(opts.next ? { NODE_ENV: "production", HOST: "127.0.0.1" } : {}) };
  const server = await startChildServer(env, { cwd, entry: opts.next ? "server/index.ts" : undefined });
  return {
    name,
    pid: server.proc.pid!,
    base: server.base,
    async stop() {
      await server.stop();
      await storage.drop();
      rmSync(storage.env.DATA_DIR, { recursive: true, force: true });
    },
  };
}

/** The stock @y/websocket-server (bench/collab/stock-server.ts): in-memory documents, nothing else. */
export async function startStock(): Promise<MeasuredServer> {
  const server = await startServer("stock");
  return { name: "stock y-websocket", pid: server.pid, base: null, stop: () => server.stop() };
}

/**
 * The tree of commit `rev` in a temporary directory, sharing this checkout's node_modules (and its Next build, when
 * there is one: the pages are not what is measured), so that its server can run beside this one's.
 */
export function checkoutOf(rev: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tandem-bench-rev-"));
  const tar = execFileSync("git", ["archive", "--format=tar", rev], { maxBuffer: 1 << 30 });
  execFileSync("tar", ["-x", "-C", dir], { input: tar });
  for (const shared of ["node_modules", ".next"]) if (existsSync(shared)) symlinkSync(path.resolve(shared), path.join(dir, shared));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
