/**
 * What `npm run cluster` starts, and what it refuses with one line: no Redis, no PostgreSQL, bad flags, no build.
 * The refusal is checked once through the real command too (its exit status and its single line).
 */
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { afterAll, expect, it } from "vitest";
import { APP_ENTRY, ClusterConfigError, planCluster, ROOT } from "./plan";

const SECRET = "s".repeat(40);
const ok = { NODE_ENV: "test" as const, REDIS_URL: "redis://127.0.0.1:6379", DATABASE_URL: "postgres://postgres@127.0.0.1:5432/tandem", SESSION_SECRET: SECRET };
const roots: string[] = [];
const tempRoot = () => {
  roots.push(mkdtempSync(path.join(os.tmpdir(), "tandem-cluster-")));
  return roots.at(-1)!;
};
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));
/** A repository root with a production build in it. */
const built = () => {
  const root = tempRoot();
  mkdirSync(path.join(root, ".next"));
  writeFileSync(path.join(root, ".next/BUILD_ID"), "test\n");
  return root;
};
const refusal = (argv: string[], env: NodeJS.ProcessEnv, root = built()) => {
  try {
    planCluster(argv, env, { root });
  } catch (e) {
    expect(e).toBeInstanceOf(ClusterConfigError);
    expect((e as Error).message).not.toContain("\n");
    return (e as Error).message;
  }
  throw new Error("the plan was not refused");
};

it("puts the balancer on the port, the apps on the ports above it, and names every process", () => {
  const plan = planCluster(["--apps", "3", "--workers", "2", "--port", "4000"], ok, { root: built(), hostname: "box" });
  expect(plan.children.map((c) => c.name)).toEqual(["lb", "app1", "app2", "app3", "worker1", "worker2"]);
  expect(plan.apps).toEqual([
    { name: "app1", port: 4001 },
    { name: "app2", port: 4002 },
    { name: "app3", port: 4003 },
  ]);
  expect(plan.children[0]).toMatchObject({ entry: "server/cluster/lb.ts", args: ["--port", "4000", "--backends", "127.0.0.1:4001,127.0.0.1:4002,127.0.0.1:4003"] });
  const app2 = plan.children[2];
  expect(app2.entry).toBe(APP_ENTRY);
  // Browsers come through the balancer: its address is the Origin the apps must accept. One secret for all.
  expect(app2.env).toMatchObject({ REDIS_URL: ok.REDIS_URL, DATABASE_URL: ok.DATABASE_URL, PORT: "4002", HOST: "127.0.0.1", PUBLIC_URL: "http://localhost:4000", SESSION_SECRET: SECRET, NODE_ENV: "production" });
  expect(plan.children.slice(4).map((c) => [c.entry, c.env.WORKER_NAME])).toEqual([
    ["server/worker.ts", "box:worker1"],
    ["server/worker.ts", "box:worker2"],
  ]);
});

it("keeps a PUBLIC_URL, WORKER_NAME and PORT it is given, and allows no workers (they may run on GPU boxes)", () => {
  const plan = planCluster(["--apps", "1", "--workers", "0"], { ...ok, PORT: "8080", PUBLIC_URL: "https://tandem.example.org", WORKER_NAME: "gpu" }, { root: built() });
  expect(plan.port).toBe(8080);
  expect(plan.publicUrl).toBe("https://tandem.example.org");
  expect(plan.children.map((c) => c.name)).toEqual(["lb", "app1"]);
  expect(planCluster(["--workers", "1"], { ...ok, WORKER_NAME: "gpu" }, { root: built() }).workerNames).toEqual(["gpu:worker1"]);
});

it("refuses without Redis or PostgreSQL, with bad flags or ports, and without a production build", () => {
  expect(refusal([], { ...ok, REDIS_URL: undefined })).toMatch(/^REDIS_URL is not set/);
  expect(refusal([], { ...ok, DATABASE_URL: undefined })).toMatch(/^DATABASE_URL is not set: .*PGlite serves one process only/);
  expect(refusal([], { ...ok, DATABASE_URL: "mysql://db/tandem" })).toMatch(/DATABASE_URL/);
  expect(refusal(["--apps", "0"], ok)).toMatch(/^--apps 0: a whole number from 1/);
  expect(refusal(["--workers", "two"], ok)).toMatch(/^--workers two/);
  expect(refusal(["--port", "65534", "--apps", "3"], ok)).toMatch(/^port 65534/);
  expect(refusal(["--nodes", "3"], ok)).toMatch(/--nodes.*usage: npm run cluster/);
  const empty = tempRoot();
  expect(refusal([], ok, empty)).toMatch(/^no production build in .*: run `npx next build` first/);
  // The tests' server without Next's pages needs no build.
  expect(planCluster([], ok, { root: empty, appEntry: "server/testing/child-server.ts" }).children).toHaveLength(6);
});

it("npm run cluster without REDIS_URL says so in one line and exits with status 2", () => {
  const env = { ...process.env, ...ok, REDIS_URL: "" };
  const run = spawnSync(process.execPath, ["--import", "tsx", "server/cluster/cli.ts", "--apps", "2"], { cwd: ROOT, env, encoding: "utf8", timeout: 30_000 });
  expect(run.status).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^\[cluster\] REDIS_URL is not set: /)]);
});
