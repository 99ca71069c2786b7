/**
 * npm run bench:collab: Tandem's collab server (better-auth sessions, membership, persistence,
 * attribution) against the stock @y/websocket-server under the same workload in the same run:
 * N collaborators editing one piece at a fixed rate, edit propagation latency at a few observers,
 * lost edits, server CPU and memory (each server in its own process), and the time for a new
 * client to load a 10,000-note piece. Both servers stay up side by side and take turns in short
 * measured rounds (A B B A ...), so a change in background load hits both alike.
 *
 *   npm run bench:collab -- [--clients 20,50] [--seconds 20] [--rounds 4] [--rate 5] [--observers 3] [--warmup 2]
 *                           [--load-notes 10000] [--load-runs 5] [--servers stock,tandem] [--json FILE] [--profile DIR]
 */
import { writeFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { EditSession, type EditRunResult } from "./collab/edit-session";
import { runLoad, type LoadRunResult } from "./collab/load-run";
import { editTable, loadTable, verdicts, verdictTable, TARGET_P99_RATIO } from "./collab/report";
import type { ServerKind } from "./collab/server-process";

const { values: args } = parseArgs({
  options: {
    clients: { type: "string", default: "20,50" },
    seconds: { type: "string", default: "20" },
    rate: { type: "string", default: "5" },
    observers: { type: "string", default: "3" },
    rounds: { type: "string", default: "4" },
    warmup: { type: "string", default: "2" },
    "load-notes": { type: "string", default: "10000" },
    "load-runs": { type: "string", default: "5" },
    servers: { type: "string", default: "stock,tandem" },
    json: { type: "string" },
    profile: { type: "string" },
  },
});
const positive = (name: string, v: string) => {
  const n = Number(v);
  if (!(n >= 0)) throw new Error(`--${name} must be a number >= 0, got ${v}`);
  return n;
};
const clientCounts = args.clients.split(",").map((c) => positive("clients", c));
const servers = args.servers.split(",").map((s) => {
  if (s !== "stock" && s !== "tandem") throw new Error(`--servers: unknown server ${s}`);
  return s as ServerKind;
});
const say = (m: string) => console.error(`[bench] ${m}`);
process.setMaxListeners(0); // every y-websocket provider adds a process "exit" listener, and we run dozens

const rounds = Math.max(1, positive("rounds", args.rounds));
const roundSeconds = positive("seconds", args.seconds) / rounds;
const warmupSeconds = positive("warmup", args.warmup);

const edits: EditRunResult[] = [];
for (const collaborators of clientCounts) {
  const opts = { collaborators, observers: positive("observers", args.observers), ratePerSecond: positive("rate", args.rate), profileDir: args.profile };
  const sessions: EditSession[] = [];
  try {
    for (const kind of servers) sessions.push(await EditSession.open(kind, opts));
    say(`${collaborators} collaborators + ${opts.observers} observers connected to ${servers.join(" and ")}; ${rounds} rounds of ${roundSeconds} s each`);
    for (let r = 0; r < rounds; r++) {
      for (const session of r % 2 === 0 ? sessions : [...sessions].reverse()) await session.round(warmupSeconds, roundSeconds);
    }
    for (const session of sessions.splice(0)) edits.push(await session.finish());
  } finally {
    await Promise.all(sessions.map((s) => s.close()));
  }
}
const loads: LoadRunResult[] = [];
const loadNotes = positive("load-notes", args["load-notes"]);
if (loadNotes > 0) for (const kind of servers) loads.push(await runLoad(kind, loadNotes, positive("load-runs", args["load-runs"]), say));

const machine = `${os.cpus().length} x ${os.cpus()[0]?.model ?? "cpu"}, load average ${os.loadavg()[0].toFixed(1)} at the end, Node ${process.version}`;
console.log(`\n## Edits (${args.rate} edits/s per collaborator, ${args.observers} observers, ${args.seconds} s measured per server in ${rounds} alternating rounds)\n`);
console.log(editTable(edits));
console.log(`\n## Target: p99 within ${TARGET_P99_RATIO}x of the stock server, no lost edits\n`);
console.log(verdictTable(verdicts(edits)));
if (loads.length > 0) console.log(`\n## New client loading a ${loadNotes}-note piece\n\n${loadTable(loads)}`);
console.log(`\n${new Date().toISOString()} on ${machine}`);
if (args.json) writeFileSync(args.json, JSON.stringify({ date: new Date().toISOString(), machine, args, edits, loads }, null, 2));
