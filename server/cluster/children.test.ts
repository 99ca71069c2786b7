/**
 * The cluster's children with small stand-in scripts: each line is prefixed with its child's name, a death is
 * reported, and stop() ends every child: SIGTERM, SIGKILL after the grace period for one that ignores it, and what a
 * child started itself goes with it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
