/** Starts a server under test in its own Node process (through tsx) and calls into it over IPC. */
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchServerApi, Method, Ready, Request, Response } from "./rpc";

export type ServerKind = "stock" | "tandem";

const ENTRY: Record<ServerKind, string> = {
  stock: fileURLToPath(new URL("./stock-server.ts", import.meta.url)),
  tandem: fileURLToPath(new URL("./tandem-server.ts", import.meta.url)),
};
const START_TIMEOUT_MS = 120_000; // tsx compiles on start, and the machine may be busy
const STOP_TIMEOUT_MS = 30_000;

export interface ServerProcess {
  kind: ServerKind;
  pid: number;
  httpBase: string;
  /** The y-websocket server URL; the client appends /<room>. */
  wsUrl: string;
  api: BenchServerApi;
  stop(): Promise<void>;
}

/** `profileDir`: write a V8 CPU profile of the server there when it exits (open it in Chrome DevTools). */
export async function startServer(kind: ServerKind, profileDir?: string): Promise<ServerProcess> {
  const env = { ...process.env };
  delete env.YPERSISTENCE; // the stock server would persist to LevelDB
  // One file per thread (tsx runs a loader thread too); the server's is the big one.
  const profile = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.join(profileDir, kind)}`] : [];
  const execArgv = ["--import", "tsx", ...profile];
  const child = fork(ENTRY[kind], [], { execArgv, env, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const port = await whenReady(child, kind);
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextId = 0;
  child.on("message", (msg: Response) => {
    const call = pending.get(msg.id);
    if (!call) return;
    pending.delete(msg.id);
    if (msg.error !== undefined) call.reject(new Error(`${kind} server: ${msg.error}`));
    else call.resolve(msg.result);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exited.then(() => pending.forEach((call) => call.reject(new Error(`${kind} server exited`))));

  const call = (method: Method, params: unknown[]) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ id, method, params } satisfies Request);
    });
  // Every method is a plain remote call, so a Proxy spares listing them twice.
  const api = new Proxy({} as BenchServerApi, { get: (_t, method: Method) => (...params: unknown[]) => call(method, params) });

  return {
    kind,
    pid: child.pid!,
    httpBase: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/collab`,
    api,
    async stop() {
      if (child.exitCode !== null) return;
      const killer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
      await Promise.race([api.shutdown().catch(() => {}), exited]);
      await exited;
      clearTimeout(killer);
    },
  };
}

function whenReady(child: ChildProcess, kind: ServerKind): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${kind} server did not start within ${START_TIMEOUT_MS} ms`));
    }, START_TIMEOUT_MS);
    const onMessage = (msg: Ready) => {
      if (!msg.ready) return;
      clearTimeout(timer);
      child.off("message", onMessage);
      resolve(msg.port);
    };
    child.on("message", onMessage);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${kind} server exited with ${code} before it was ready`));
    });
  });
}
