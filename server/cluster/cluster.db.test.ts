/**
 * `npm run cluster`'s processes for real, against this machine's Redis and PostgreSQL: the balancer, two app
 * processes (the server without Next's pages, so no build is needed) and one inference worker. Sign-up, tRPC and
 * two collaborators' WebSockets go through the balancer to different apps and see each other's edits; an app killed
 * with SIGKILL is reported and skipped; stop() ends every process. A cluster needs PostgreSQL (PGlite serves one
 * process), so the PGlite run skips it.
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docMaps, type Note } from "../../lib/doc-schema";
import { pidAlive } from "../testing/pid-alive";
import { connect, createServerStorage, signUp, trpc, until, type Client } from "../testing/real-server";
import { dropRedisKeys } from "../testing/redis-keys";
import type { ChildExit } from "./children";
import { startCluster, type Cluster } from "./cluster";
import { planCluster, type ClusterPlan } from "./plan";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `tandem-test-${randomUUID().slice(0, 8)}`;

const note = (pitch: number, start = 0): Note => ({ track: "melody", pitch, start, duration: 480, velocity: 90 });
const pitches = (c: Client) => [...docMaps(c.doc).notes.values()].map((n) => n.pitch).sort();

/** A port with the next `count` free above it, as the cluster needs (the balancer's and its apps'). */
async function freePortRun(count: number): Promise<number> {
  const free = (port: number) =>
    new Promise<boolean>((resolve) => {
      const s = net.createServer();
      s.once("error", () => resolve(false));
      s.listen(port, () => s.close(() => resolve(true)));
    });
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 20_000);
    let ok = true;
    for (let p = base; ok && p <= base + count; p++) ok = await free(p);
    if (ok) return base;
  }
}

/** GET on a connection of its own, so each request takes the balancer's next turn. */
const status = (url: string) =>
  new Promise<number>((resolve, reject) => {
    http.get(url, { agent: false }, (res) => (res.resume(), res.on("end", () => resolve(res.statusCode!)))).on("error", reject);
  });
const openPieces = async (port: number) => ((await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()) as { openPieces: number }).openPieces;

describe.skipIf(process.env.TANDEM_TEST_DB !== "postgres")("a cluster of real processes", () => {
  let storage: Awaited<ReturnType<typeof createServerStorage>>;
  let plan: ClusterPlan;
  let cluster: Cluster | undefined;
  let base: string;
  const lines: string[] = [];
  const deaths: ChildExit[] = [];
  const clients: Client[] = [];

  beforeAll(async () => {
    storage = await createServerStorage("postgres");
    const port = await freePortRun(2);
    base = `http://127.0.0.1:${port}`;
    const env = { ...process.env, ...storage.env, REDIS_URL, TANDEM_REDIS_PREFIX: prefix, PUBLIC_URL: base, INFERENCE_PROVIDER: "cpu", PERSIST_DEBOUNCE_MS: "50" };
    plan = planCluster(["--apps", "2", "--workers", "1", "--port", String(port)], env, { appEntry: "server/testing/child-server.ts" });
    cluster = startCluster(plan, { write: (line) => lines.push(line), onDeath: (exit) => deaths.push(exit) });
    await cluster.ready;
  }, 120_000);

  afterAll(async () => {
    clients.forEach((c) => c.destroy());
    await cluster?.stop();
    await storage?.drop();
    await dropRedisKeys(REDIS_URL, prefix);
  });

  it("serves sign-up, the API and two collaborators on different apps through the balancer", async () => {
    expect(await Promise.all([1, 2, 3, 4].map(() => status(`${base}/api/health`)))).toEqual([200, 200, 200, 200]);
    // The session cookie one app signs is accepted by the other: the cluster gives them one secret.
    const ann = await signUp(base, "Ann");
    const { id: pieceId } = await trpc<{ id: string }>(base, ann, "piece.create", { title: "Cluster" });
    const a = connect(base, pieceId, ann);
    clients.push(a);
    await a.synced;
    const b = connect(base, pieceId, ann);
    clients.push(b);
    await b.synced;
    // Consecutive connections take consecutive turns: each app holds the piece for one of them.
    expect(await Promise.all(plan.apps.map((app) => openPieces(app.port)))).toEqual([1, 1]);

    docMaps(a.doc).notes.set("n1", note(60));
    await until(() => pitches(b).join() === "60");
    docMaps(b.doc).notes.set("n2", note(64, 480));
    await until(() => pitches(a).join() === "60,64");
  });

  it("names every process's lines, and the worker takes jobs", async () => {
    await until(() => lines.some((l) => /^\[worker1\] .*worker \S+:worker1: takes generation jobs/.test(l)), 60_000);
    expect(lines.some((l) => l.startsWith("[lb] ") && l.includes(`balancing port ${plan.port}`))).toBe(true);
    expect(lines.some((l) => l.startsWith("[app1] listening "))).toBe(true);
    expect(lines.some((l) => l.startsWith("[app2] listening "))).toBe(true);
  }, 70_000);

  it("reports an app killed with SIGKILL, and the balancer passes its turns to the other", async () => {
    const app2 = cluster!.children.list.find((c) => c.name === "app2")!;
    process.kill(app2.pid, "SIGKILL");
    await until(() => deaths.length === 1);
    expect(deaths).toEqual([{ name: "app2", code: null, signal: "SIGKILL" }]);
    expect(await Promise.all([1, 2, 3, 4].map(() => status(`${base}/api/health`)))).toEqual([200, 200, 200, 200]);
    await until(() => lines.some((l) => l.startsWith("[lb] ") && l.includes(`127.0.0.1:${plan.apps[1].port} refuses connections`)));
    // The collaborator that was on app2 reconnects, through the balancer, to app1.
    const [a, b] = clients;
    const moved = await Promise.race([a.closed.then(() => a), b.closed.then(() => b)]);
    const other = moved === a ? b : a;
    await until(() => moved.provider.wsconnected && moved.provider.synced, 15_000);
    docMaps(moved.doc).notes.set("n3", note(67, 960));
    await until(() => pitches(other).join() === "60,64,67");
  }, 30_000);

  it("stops every process, with SIGTERM alone, and leaves none running", async () => {
    const pids = cluster!.children.list.map((c) => c.pid);
    expect(pids.filter(pidAlive)).toHaveLength(plan.children.length - 1); // app2 was killed above
    clients.forEach((c) => c.destroy());
    const killed = await cluster!.stop();
    cluster = undefined;
    expect(killed).toEqual([]);
    expect(pids.filter(pidAlive)).toEqual([]);
    expect(deaths).toHaveLength(1); // a stop is no death
  }, 60_000);
});
