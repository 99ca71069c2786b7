/** The servers bench:memory measures, each in a process of its own: this checkout's, an older commit's, the stock one. */
import { rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { createServerStorage, startChildServer } from "../../server/testing/real-server";
import { startServer } from "../collab/server-process";

export interface MeasuredServer {
  name: string;
  pid: number;
  /** The Tandem HTTP base; null for the stock y-websocket server (idle memory only). */
  base: string | null;
  stop(): Promise<void>;
}

/** Rooms unload a second after their last client leaves (default 30 s), so a bench can wait for it. */
export const BENCH_IDLE_UNLOAD_MS = 1000;
const BENCH_ENV = { COLLAB_IDLE_UNLOAD_MS: String(BENCH_IDLE_UNLOAD_MS) };

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
