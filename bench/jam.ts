/**
 * npm run bench:jam: live jams against one real server on loopback (server/testing/child-server.ts, PGlite, the
 * shipped model). For 1, 4 and 8 simultaneous jams at 120 and 140 bpm, in call and response and in accompaniment, a
 * simulated leader plays a phrase and a listener's y-websocket client follows the model's bars; it prints the margin
 * between a bar reaching the listener and its downbeat (p50, p5), the share of bars missed, the share ready with
 * 250 ms to spare (the issue's target: 99% at 4 jams and 120 bpm; in call and response, that share of the answers'
 * first bars too, the bars asked before the call ends), and the server's event-loop delay during the jams.
 * Baselines in the same run: the idle server's event-loop delay, and for more than one jam the same jams on a second
 * server whose jams share the model step by step (child-server.ts --jam-bar-line off: no bar line, as before
 * server/jam/bar-line.ts).
 *
 *   npx tsx bench/jam.ts [--jams 1,4,8] [--bpm 120,140] [--modes call-and-response,accompaniment] [--bars 16] [--json]
 */
import { createServer, type AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { JAM_MODES, type JamMode } from "../lib/jam/settings";
import { percentile } from "../models/eval/report";
import { createServerStorage, signUp, startChildServer, type ChildServer } from "../server/testing/real-server";
import { jamPiece, runJam, type JamOutcome, type JamPiece } from "./jam/session";
import { loopDelay, type LoopDelay } from "./loop-delay";

const { values: args } = parseArgs({
  options: {
    jams: { type: "string", default: "1,4,8" },
    bpm: { type: "string", default: "120,140" },
    modes: { type: "string", default: JAM_MODES.join(",") },
    bars: { type: "string", default: "16" },
    json: { type: "boolean", default: false },
  },
});
const counts = args.jams!.split(",").map(Number);
const tempos = args.bpm!.split(",").map(Number);
const modes = args.modes!.split(",") as JamMode[];
const takeBars = Number(args.bars);
const SPARE_MS = 250;

/** A free port: the server's sign-up trusts its own origin only, which a port of 0 cannot name. */
const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

/** A server on loopback with `most` leaders, each with a piece of the fixture to jam in. */
async function benchServer(barLine: "on" | "off") {
  const storage = await createServerStorage("pglite");
  const port = await freePort();
  const env = { ...storage.env, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, INFERENCE_PROVIDER: "cpu" };
  const server = await startChildServer(env, { args: ["--jam-bar-line", barLine] });
  const most = Math.max(...counts);
  const leaders = await Promise.all(Array.from({ length: most }, (_, i) => signUp(server.base, `Leader${i + 1}`)));
  const pieces: JamPiece[] = [];
  for (const [i, cookie] of leaders.entries()) pieces.push(await jamPiece(server.base, cookie, `Jam ${i + 1}`));
  return { server, leaders, pieces, close: async () => (await server.stop(), await storage.drop()) };
}

type Bench = Awaited<ReturnType<typeof benchServer>>;

/** n jams at once; what the listeners heard and the server's loop meanwhile. */
async function measure(b: Bench, mode: JamMode, bpm: number, n: number) {
  await loopDelay(b.server);
  const outcomes: JamOutcome[] = await Promise.all(b.pieces.slice(0, n).map((p, i) => runJam(b.server.base, b.leaders[i], p, mode, bpm, takeBars)));
  const loop = await loopDelay(b.server);
  const margins = outcomes.flatMap((o) => o.margins);
  const planned = outcomes.reduce((s, o) => s + o.planned, 0);
  const missed = outcomes.reduce((s, o) => s + o.missed, 0);
  const openers = outcomes.reduce((s, o) => s + o.openers, 0);
  const openerMargins = outcomes.flatMap((o) => o.openerMargins);
  const askedAgain = outcomes.reduce((s, o) => s + o.openersAskedAgain, 0);
  return {
    bars: planned,
    missedPct: round1((100 * missed) / planned),
    spare250Pct: round1((100 * margins.filter((m) => m >= SPARE_MS).length) / planned),
    marginP50Ms: margins.length ? Math.round(percentile(margins, 50)) : NaN,
    marginP5Ms: margins.length ? Math.round(percentile(margins, 5)) : NaN,
    /** Call and response: the answers' first bars ready 250 ms early (null in accompaniment). */
    openerSpare250Pct: openers ? round1((100 * openerMargins.filter((m) => m >= SPARE_MS).length) / openers) : null,
    /** Call and response: the answers' first bars replaced in time by their second ask, which heard more of the call. */
    openerAskedAgainPct: openers ? round1((100 * askedAgain) / openers) : null,
    loopP99Ms: loop.p99,
    loopMaxMs: loop.max,
  };
}
const round1 = (x: number) => Math.round(x * 10) / 10;

const withLine = await benchServer("on");
// The baseline: the same jams on a server whose jams share the model step by step (--jam-bar-line off), as before the line.
const without = counts.some((n) => n > 1) ? await benchServer("off") : null;
const rows: Record<string, unknown>[] = [];
try {
  await loopDelay(withLine.server);
  await new Promise((r) => setTimeout(r, 5_000));
  const idle = await loopDelay(withLine.server);
  console.log(`baseline: the idle server's event-loop delay p50 ${idle.p50} ms, p99 ${idle.p99} ms, max ${idle.max} ms`);

  for (const mode of modes)
    for (const bpm of tempos)
      for (const n of counts) {
        const m = await measure(withLine, mode, bpm, n);
        const base = n > 1 && without ? await measure(without, mode, bpm, n) : null;
        const row = { mode, bpm, jams: n, ...m, loopP99VsIdle: round1(m.loopP99Ms / Math.max(idle.p99, 0.1)), baselineNoLine: base };
        rows.push(row);
        if (args.json) continue;
        console.log(
          `${mode.padEnd(17)} ${bpm} bpm, ${n} jam(s): ${m.bars} model bars, missed ${m.missedPct}%, ready ${SPARE_MS} ms early ${m.spare250Pct}%, ` +
            `margin p50 ${m.marginP50Ms} ms, p5 ${m.marginP5Ms} ms${m.openerSpare250Pct === null ? "" : ` (answers' first bars ${m.openerSpare250Pct}%, ${m.openerAskedAgainPct}% replaced by the second ask)`}; loop delay p99 ${m.loopP99Ms} ms (${row.loopP99VsIdle}x idle), max ${m.loopMaxMs} ms`,
        );
        if (base)
          console.log(
            `${"".padEnd(17)} baseline without the line: missed ${base.missedPct}% (${m.missedPct}% with it), ready ${SPARE_MS} ms early ${base.spare250Pct}% ` +
              `(${m.spare250Pct}% with it), margin p50 ${base.marginP50Ms} ms, loop delay p99 ${base.loopP99Ms} ms`,
          );
      }
  for (const r of rows.filter((r) => r.jams === 4 && r.bpm === 120))
    console.log(`target (4 jams, 120 bpm): at least 99% of bars ready with ${SPARE_MS} ms to spare; ${r.mode}: ${r.spare250Pct}%`);
  if (args.json) console.log(JSON.stringify({ idle, rows }, null, 2));
} finally {
  await withLine.close();
  await without?.close();
}
