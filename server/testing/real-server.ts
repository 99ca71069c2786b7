/** Test support: start the real server in a child process, sign people up, call tRPC, open y-websocket clients. */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import superjson from "superjson";
import { openYClient, type YClient } from "./y-client";

const ADMIN_URL = "postgres://postgres@127.0.0.1:5432";

/** Where the child keeps its data: a PGlite folder, or a fresh PostgreSQL database (TANDEM_TEST_DB=postgres). */
export async function createServerStorage(
  kind: "pglite" | "postgres" = process.env.TANDEM_TEST_DB === "postgres" ? "postgres" : "pglite",
): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tandem-it-"));
  if (kind === "pglite") return { env: { DATA_DIR: dataDir }, drop: async () => {} };
  const name = `tandem_it_${randomBytes(6).toString("hex")}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: `${ADMIN_URL}/postgres` });
    await c.connect();
    await c.query(q).finally(() => c.end());
  };
  await admin(`CREATE DATABASE ${name}`);
  return { env: { DATA_DIR: dataDir, DATABASE_URL: `${ADMIN_URL}/${name}` }, drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export interface ChildServer {
  base: string;
  proc: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * The allocator settings `npm run serve` gives the server process in `checkout`'s package.json (MALLOC_*), so that a
 * server started here keeps and returns memory as a served one does.
 */
function servedAllocatorEnv(checkout: string): Record<string, string> {
  const pkg = JSON.parse(readFileSync(path.join(checkout, "package.json"), "utf8")) as { scripts: Record<string, string> };
  return Object.fromEntries([...pkg.scripts.serve.matchAll(/\b(MALLOC_\w+)=(\S+)/g)].map((m) => [m[1], m[2]]));
}

export interface ChildServerOptions {
  /** The checkout whose server runs (bench:memory runs an older commit's beside this one's). */
  cwd?: string;
  /** `server/index.ts`: the server with Next's pages (needs `next build`); by default the one without them. */
  entry?: string;
  /** The entry's command-line arguments (child-server.ts: `--jam-bar-line off`). */
  args?: string[];
}

/**
 * `env` adds to this process's environment; a key set to undefined is left out (spawn skips it). CHILD_SERVER_NODE_ARGS
 * gives the child Node's own flags, which NODE_OPTIONS refuses (`--cpu-prof --cpu-prof-dir=DIR`: bench/README.md).
 */
export async function startChildServer(env: Record<string, string | undefined>, opts: ChildServerOptions = {}): Promise<ChildServer> {
  const { cwd = process.cwd(), entry = "server/testing/child-server.ts", args = [] } = opts;
  const nodeArgs = process.env.CHILD_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const proc = spawn(process.execPath, [...nodeArgs, "--import", "tsx", entry, ...args], {
    cwd,
    env: { ...process.env, ...servedAllocatorEnv(cwd), PORT: "0", PERSIST_DEBOUNCE_MS: "100", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    proc.stdout!.on("data", (b: Buffer) => {
      out += b.toString();
      const m = out.match(/listening (?:on \S+?:)?(\d+)/); // child-server.ts: "listening 1234"; index.ts names a URL
      if (m) resolve(Number(m[1]));
    });
    proc.once("exit", (code) => reject(new Error(`server exited (${code}) before listening: ${out}`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    proc,
    stop: (signal = "SIGTERM") =>
      new Promise((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once("exit", () => resolve());
        proc.kill(signal);
      }),
  };
}

export async function signUp(base: string, name: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ name, email: `${name.toLowerCase()}-${randomBytes(4).toString("hex")}@example.com`, password: "password123" }),
  });
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

export async function trpc<T>(base: string, cookie: string, proc: string, input: unknown, kind: "query" | "mutation" = "mutation"): Promise<T> {
  const body = JSON.stringify(superjson.serialize(input));
  const res =
    kind === "mutation"
      ? await fetch(`${base}/api/trpc/${proc}`, { method: "POST", headers: { "content-type": "application/json", cookie }, body })
      : await fetch(`${base}/api/trpc/${proc}?input=${encodeURIComponent(body)}`, { headers: { cookie } });
  const json = await res.json();
  if (!res.ok) throw new Error(`${proc}: ${json.error?.json?.message ?? json.error?.message ?? res.status}`);
  return superjson.deserialize<T>(json.result.data);
}

export type Client = YClient;

/** A y-websocket client that sends `cookie` with its upgrade request. */
export const connect = (base: string, pieceId: string, cookie: string | null): Client =>
  openYClient(base.replace("http", "ws") + "/collab", pieceId, cookie);

export const synced = (c: Client) => c.synced;

export async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out waiting for a condition");
    await new Promise((r) => setTimeout(r, 25));
  }
}
