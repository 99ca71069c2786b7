/**
 * npm run bench:memory: the resident memory of the real server on the embedded PGlite (the default) and on PostgreSQL,
 * idle, after pieces are opened and closed by real y-websocket clients, after model generations through tRPC, and
 * idle again (it must come back within 10% of idle). Baselines measured in the same run: the same server on
 * PostgreSQL, the embedded default as an older commit built it (`--before`), and the stock y-websocket server.
 *
 *   npm run bench:memory -- [--pieces 50] [--generations 200] [--settle 10] [--before REV|none]
 *                           [--servers pglite,postgres,before,stock] [--next] [--json FILE]
 *
 * Tandem runs as server/testing/child-server.ts (everything but Next's pages); with --next as server/index.ts in
 * production, as `npm run serve` runs it (after a `next build`).
 */
import { existsSync, writeFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { memoryTable, verdictTable } from "./memory/report";
import { measure, type MemoryRun } from "./memory/run";
import { checkoutOf } from "./checkout";
import { startStock, startTandem, type MeasuredServer } from "./memory/servers";

/** The commit before the embedded default's memory was cut (shared buffers, initdb in a process of its own). */
const BEFORE_REV = "4dfc7b8";
const SERVERS = ["pglite", "postgres", "before", "stock"] as const;
type ServerName = (typeof SERVERS)[number];

const { values: args } = parseArgs({
  options: {
    pieces: { type: "string", default: "50" },
    generations: { type: "string", default: "200" },
    settle: { type: "string", default: "10" },
    before: { type: "string", default: BEFORE_REV },
    servers: { type: "string", default: SERVERS.join(",") },
    next: { type: "boolean", default: false },
    json: { type: "string" },
  },
});
const count = (name: string, v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number >= 0, got ${v}`);
  return n;
};
const servers = args.servers.split(",").map((s) => {
  if (!(SERVERS as readonly string[]).includes(s)) throw new Error(`--servers: unknown server ${s} (known: ${SERVERS.join(", ")})`);
  return s as ServerName;
});
const before = args.before === "none" ? null : args.before;
if (args.next && !existsSync(".next/BUILD_ID")) throw new Error("--next runs the production server: run `npm run build` first");
const next = args.next;
const say = (m: string) => console.error(`[bench] ${m}`);
process.setMaxListeners(0); // every y-websocket provider adds a process "exit" listener
const opts = { pieces: count("pieces", args.pieces), generations: count("generations", args.generations), settleS: count("settle", args.settle), say };

const runs: MemoryRun[] = [];
for (const which of servers) {
  if (which === "before" && !before) continue;
  const checkout = which === "before" ? checkoutOf(before!) : null;
  let server: MeasuredServer | null = null;
  try {
    server =
      which === "pglite" ? await startTandem("PGlite (this build)", "pglite", { next })
      : which === "postgres" ? await startTandem("PostgreSQL", "postgres", { next })
      : which === "before" ? await startTandem(`PGlite at ${before}`, "pglite", { checkout: checkout!.dir, next })
      : await startStock();
    runs.push(await measure(server, opts));
  } finally {
    await server?.stop();
    checkout?.remove();
  }
}

const machine = `${os.cpus().length} x ${os.cpus()[0]?.model ?? "cpu"}, load average ${os.loadavg()[0].toFixed(1)} at the end, Node ${process.version}`;
const shape = next ? "server/index.ts with Next's pages" : "server/testing/child-server.ts, no Next";
const workload = `${opts.pieces} pieces, ${opts.generations} generations, idle = median after ${opts.settleS} s at rest`;
console.log(`\n## Resident memory (MB) of ${shape}: ${workload}\n`);
console.log(memoryTable(runs));
console.log(`\n## Targets\n\n${verdictTable(runs)}`);
console.log(`\n${new Date().toISOString()} on ${machine}`);
if (args.json) writeFileSync(args.json, JSON.stringify({ date: new Date().toISOString(), machine, args, runs }, null, 2));
