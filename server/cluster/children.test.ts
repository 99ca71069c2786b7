/**
 * The cluster's children with small stand-in scripts: each line is prefixed with its child's name, a death is
 * reported, and stop() ends every child: SIGTERM, SIGKILL after the grace period for one that ignores it, and what a
 * child started itself goes with it; a cluster killed outright (SIGKILL) still takes its children with it.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { pidAlive } from "../testing/pid-alive";
import { startChildren, type ChildExit, type Children } from "./children";
import { ROOT } from "./plan";

const dir = mkdtempSync(path.join(os.tmpdir(), "tandem-children-"));
const started: Children[] = [];
let grandchild = 0;
afterAll(async () => {
  await Promise.all(started.map((c) => c.stop(100)));
  if (grandchild && pidAlive(grandchild)) process.kill(grandchild, "SIGKILL"); // a failed run leaves nothing behind
  rmSync(dir, { recursive: true, force: true });
});

/** A stand-in child: a script file, run as the cluster runs its entries. */
const script = (name: string, source: string) => {
  const file = path.join(dir, `${name}.mjs`);
  writeFileSync(file, source);
  return { name, entry: file, args: [], env: { ...process.env, PIDFILE: path.join(dir, `${name}.pid`) } as Record<string, string> };
};
const until = async (check: () => boolean) => {
  const end = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out waiting for a condition");
    await new Promise((r) => setTimeout(r, 20));
  }
};

function start(specs: ReturnType<typeof script>[]) {
  const lines: [string, string][] = [];
  const deaths: ChildExit[] = [];
  const children = startChildren(specs, { root: ROOT, write: (line, stream) => lines.push([stream, line]), onDeath: (e) => deaths.push(e) });
  started.push(children);
  return { children, lines, deaths };
}

it("prefixes each line with the child's name and reports a child that dies", async () => {
  const { lines, deaths } = start([
    script("talker", `console.log("hello\\nworld"); console.error("oops"); setTimeout(() => process.exit(3), 50);`),
    script("quiet", `setInterval(() => {}, 1000);`),
  ]);
  await until(() => deaths.length === 1);
  expect(deaths).toEqual([{ name: "talker", code: 3, signal: null }]);
  await until(() => lines.length === 3);
  expect(lines.filter(([s]) => s === "stdout").map(([, l]) => l)).toEqual(["[talker] hello", "[talker] world"]);
  expect(lines.filter(([s]) => s === "stderr").map(([, l]) => l)).toEqual(["[talker] oops"]);
});

it("stops every child: SIGTERM, then SIGKILL after the grace period, and what a child started goes too", async () => {
  const polite = script("polite", `process.on("SIGTERM", () => { console.log("bye"); process.exit(0); }); console.log("ready"); setInterval(() => {}, 1000);`);
  const stubborn = script("stubborn", `process.on("SIGTERM", () => console.log("not stopping")); console.log("ready"); setInterval(() => {}, 1000);`);
  // A child that leaves a process of its own behind (as a shell script's command would) when it exits.
  const parent = script(
    "parent",
    `import { spawn } from "node:child_process"; import { writeFileSync } from "node:fs";
     const kid = spawn(process.execPath, ["-e", "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"], { stdio: "ignore" });
     writeFileSync(process.env.PIDFILE, String(kid.pid)); console.log("ready");
     process.on("SIGTERM", () => process.exit(0)); setInterval(() => {}, 1000);`,
  );
  const { children, lines, deaths } = start([polite, stubborn, parent]);
  await until(() => ["polite", "stubborn", "parent"].every((name) => lines.some(([, l]) => l === `[${name}] ready`)));
  grandchild = Number(readFileSync(parent.env.PIDFILE, "utf8"));
  expect(pidAlive(grandchild)).toBe(true);

  const killed = await children.stop(500);
  expect(killed).toEqual(["stubborn"]);
  expect(lines.map(([, l]) => l)).toEqual(expect.arrayContaining(["[polite] bye", "[stubborn] not stopping"]));
  expect(children.list.filter((c) => pidAlive(c.pid))).toEqual([]);
  await until(() => !pidAlive(grandchild));
  expect(deaths).toEqual([]); // a stop is no death
}, 30_000);

it("a cluster killed outright (SIGKILL) takes its children with it: each stops as on SIGTERM", async () => {
  const kid = script(
    "kid",
    `import { writeFileSync } from "node:fs"; import { stopWithParent } from ${JSON.stringify(path.join(import.meta.dirname, "parent-watch.ts"))};
     process.on("SIGTERM", () => { writeFileSync(process.env.PIDFILE + ".bye", "saved"); process.exit(0); });
     stopWithParent(); writeFileSync(process.env.PIDFILE, String(process.pid)); setInterval(() => {}, 1000);`,
  );
  // A stand-in for npm run cluster: starts the kid as the cluster does, then is killed before it can stop it.
  const cluster = script(
    "cluster",
    `import { startChildren } from ${JSON.stringify(path.join(import.meta.dirname, "children.ts"))};
     startChildren(${JSON.stringify([kid])}, { root: ${JSON.stringify(ROOT)}, write: () => {}, onDeath: () => {} }); setInterval(() => {}, 1000);`,
  );
  const parent = spawn(process.execPath, ["--import", "tsx", cluster.entry], { cwd: ROOT, stdio: "ignore" });
  try {
    await until(() => existsSync(kid.env.PIDFILE) && readFileSync(kid.env.PIDFILE, "utf8") !== "");
    grandchild = Number(readFileSync(kid.env.PIDFILE, "utf8")); // afterAll kills it should the test fail
    parent.kill("SIGKILL");
    await until(() => !pidAlive(grandchild));
    expect(readFileSync(`${kid.env.PIDFILE}.bye`, "utf8")).toBe("saved"); // it stopped itself, not killed
  } finally {
    parent.kill("SIGKILL");
  }
}, 30_000);
