/**
 * npm run bench:piano-roll: the editor with a real song in a real browser. Starts the production
 * server (next build first when .next is missing), writes a 10,000-note piece over 4 tracks through
 * y-websocket, opens it in Debian's Chromium and measures the time to open it after page load and
 * the frame times while scrolling and while dragging a selection. Baselines in the same run, from an
 * older commit (`--before`: its tree checked out, built and served beside this one, with the same song):
 * its client for the open time, and its previous renderer (every note of the piece drawn each frame, no
 * culling, which that commit still carries behind `window.__tandemRollProbe.noCull`) for the frames; and
 * an empty piece for the open time. The opens are timed with the piece already open on
 * the server (its writer stays connected), then cold: nobody on it, so the server loads it from the
 * database first (this build unloads an idle piece after 1 s here).
 *
 *   npm run bench:piano-roll -- [--notes 10000] [--frames 150 (0: the opens only)] [--runs 3] [--before REV|none] [--json FILE] [--profile FILE]
 *
 * --profile writes V8 CPU profiles of one more open of the song, warm (FILE) and cold (FILE.cold.cpuprofile), each
 * from the load event to SETTLE_MS after the first full frame, and of each scroll gesture (FILE.scroll-<zoom-outs>.cpuprofile;
 * open them in Chrome DevTools), and prints the functions that took the most of them.
 */
import { spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { chromium, type CDPSession, type Page } from "@playwright/test";
import { docMaps, type Note } from "../lib/doc-schema";
import { connect, signUp, trpc, until } from "../server/testing/real-server";
import { buildCheckout, checkoutOf } from "./checkout";
import { BENCH_IDLE_UNLOAD_MS, startTandem, type MeasuredServer } from "./memory/servers";
import { songNotes } from "./piano-roll/song";
import { dragSelection, scroll } from "./piano-roll/gestures";
import { frameTable, openTable, topSelfTime, type FrameRow } from "./piano-roll/report";

/**
 * The commit before the page opened its socket while the editor's code loaded (fa279a2) and took the provenance
 * after the notes (80fd4bc): its editor connects once its code has loaded and gets everything in one sync.
 */
const BEFORE_REV = "0e9dab1";
/** An older commit may predate COLLAB_IDLE_UNLOAD_MS (0e9dab1 does): its pieces stay loaded for the default 30 s. */
const BEFORE_IDLE_UNLOAD_MS = 30_000;

/** How long an open is watched after its first full frame, for the redraws and long tasks that follow it. */
const SETTLE_MS = 2000;

/** Installed in every page before its scripts: the roll's draw probe, and an observer of long tasks (over 50 ms). */
const OPEN_PROBES = `globalThis.__tandemRollProbe = { drawMs: [] }; globalThis.__benchLongTasks = [];
try { new PerformanceObserver((l) => { for (const e of l.getEntries()) globalThis.__benchLongTasks.push([e.startTime, e.duration]); })
  .observe({ type: "longtask", buffered: true }); } catch {}`;

const { values: args } = parseArgs({
  options: {
    notes: { type: "string", default: "10000" },
    frames: { type: "string", default: "150" },
    runs: { type: "string", default: "3" },
    before: { type: "string", default: BEFORE_REV },
    json: { type: "string" },
    profile: { type: "string" },
  },
});
const say = (m: string) => console.error(`[bench] ${m}`);
const noteCount = Number(args.notes);
const frames = Number(args.frames);
const runs = Number(args.runs);
const before = args.before === "none" ? null : args.before;
// The embedded database, whatever DATABASE_URL says: the bench measures the editor.
delete process.env.DATABASE_URL;

if (!existsSync(".next/BUILD_ID")) {
  say("no production build: running next build");
  await run("npx", ["next", "build"]);
}

/** One server with the song on it, and a browser page signed in to it (a context each: cookies do not tell ports apart). */
interface Site {
  base: string;
  cookie: string;
  song: string;
  writer: { destroy(): void };
  page: Page;
  /** How long the server keeps a piece loaded after its last client leaves. */
  unloadMs: number;
}

const servers: MeasuredServer[] = [];
const checkout = before ? checkoutOf(before, { build: "own" }) : null;
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  if (checkout) {
    say(`building ${checkout.rev} in ${checkout.dir}`);
    buildCheckout(checkout);
  }
  const current = await openSite(await startTandem("this build", "pglite", { next: true }), BENCH_IDLE_UNLOAD_MS);
  const empty = await trpc<{ id: string }>(current.base, current.cookie, "piece.create", { title: "Empty" });
  const previous = checkout
    ? await openSite(await startTandem(`at ${checkout.rev}`, "pglite", { checkout: checkout.dir, next: true }), BEFORE_IDLE_UNLOAD_MS)
    : null;
  say(`piece with ${noteCount} notes written${previous ? ` on this build and at ${before}` : ""}`);

  const openSong: OpenTimes[] = [];
  const openEmpty: OpenTimes[] = [];
  const openPrevious: OpenTimes[] = [];
  // Interleaved, so the three see the same load on a busy machine.
  for (let i = 0; i < runs; i++) {
    openEmpty.push(await openPiece(current, empty.id, 0));
    openSong.push(await openPiece(current, current.song, noteCount, undefined, true));
    if (previous) openPrevious.push(await openPiece(previous, previous.song, noteCount, undefined, true));
  }
  const list = (xs: OpenTimes[]) =>
    xs.map((x) => `${x.total.toFixed(0)}${x.redraws || x.longTaskAfter ? ` (+${x.redraws} draws, ${x.longTaskAfter.toFixed(0)} ms task)` : ""}`).join(", ");
  say(`open: song ${list(openSong)} ms; at ${before ?? "-"} ${list(openPrevious)} ms; empty ${list(openEmpty)} ms`);
  if (args.profile) await profileOpen(current, args.profile);

  const results: FrameRow[] = [];
  // The zoom the roll opens at, 7 steps out (- pressed 7 times), and all the way out: the whole piece in view.
  const views = [
    { zoom: "opening zoom", outs: 0 },
    { zoom: "zoomed out 7 steps", outs: 7 },
    { zoom: "whole piece in view", outs: 30 },
  ];
  // This build culls; the previous renderer is the older commit's, switched on there (this build has no such switch).
  const renderers = [
    { renderer: "culled: sorted index", site: current, noCull: false },
    ...(previous ? [{ renderer: `previous: every note each frame (at ${before})`, site: previous, noCull: true }] : []),
  ];
  // --frames 0: the opens only.
  for (const { zoom, outs } of frames > 0 ? views : []) {
    for (const { renderer, site, noCull } of renderers) {
      // A fresh open for each gesture, so each starts from the same view.
      const view = async () => {
        await openPiece(site, site.song, noteCount);
        await site.page.getByTestId("piano-roll").focus();
        for (let i = 0; i < outs; i++) await site.page.keyboard.press("-");
      };
      await view();
      const cdp = args.profile && site === current ? await startProfile(site) : null;
      results.push({ zoom, renderer, gesture: "scroll", ...(await scroll(site.page, { noCull }, frames)) });
      if (cdp) await stopProfile(cdp, args.profile!.replace(/(\.cpuprofile)?$/, `.scroll-${outs}.cpuprofile`), `scroll, ${zoom}`);
      await view();
      results.push({ zoom, renderer, gesture: "drag selection", ...(await dragSelection(site.page, { noCull }, 0.1 * 0.8 ** outs, frames)) });
      say(`${zoom}, ${renderer}: done`);
    }
  }
  // Cold: the writers leave, and before each open the pieces are left alone long enough to be saved and unloaded.
  const sites = previous ? [current, previous] : [current];
  for (const site of sites) site.writer.destroy();
  const coldSong: OpenTimes[] = [];
  const coldPrevious: OpenTimes[] = [];
  for (let i = 0; i < runs; i++) {
    await Promise.all(sites.map((site) => site.page.goto(`${site.base}/pieces`, { waitUntil: "load" })));
    await new Promise((r) => setTimeout(r, Math.max(...sites.map((site) => site.unloadMs)) + 1500));
    coldSong.push(await openPiece(current, current.song, noteCount, undefined, true));
    if (previous) coldPrevious.push(await openPiece(previous, previous.song, noteCount, undefined, true));
  }
  say(`cold open: song ${list(coldSong)} ms; at ${before ?? "-"} ${list(coldPrevious)} ms`);
  if (args.profile) {
    await current.page.goto(`${current.base}/pieces`, { waitUntil: "load" });
    await new Promise((r) => setTimeout(r, current.unloadMs + 1500));
    await profileOpen(current, args.profile.replace(/(\.cpuprofile)?$/, ".cold.cpuprofile"));
  }

  const report = {
    when: new Date().toISOString(),
    machine: `${os.cpus().length} x ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`,
    notes: noteCount,
    before,
    open: { song: openSong, previous: openPrevious, empty: openEmpty, coldSong, coldPrevious },
    frames: results,
  };
  console.log(report.machine);
  console.log();
  console.log(openTable(report.open, noteCount, before));
  console.log();
  console.log(frameTable(results));
  if (args.json) writeFileSync(args.json, JSON.stringify(report, null, 2));
} finally {
  await browser.close();
  for (const server of servers) await server.stop();
  checkout?.remove();
}

/** Opens the song once more under the V8 profiler, from the load event on (as the open time is counted), into `file`. */
async function profileOpen(site: Site, file: string): Promise<void> {
  const cdp = await site.page.context().newCDPSession(site.page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  const times = await openPiece(site, site.song, noteCount, () => cdp.send("Profiler.start"), true);
  await stopProfile(cdp, file, `open (${times.total.toFixed(0)} ms)`);
}

async function startProfile(site: Site): Promise<CDPSession> {
  const cdp = await site.page.context().newCDPSession(site.page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  return cdp;
}

async function stopProfile(cdp: CDPSession, file: string, what: string): Promise<void> {
  const { profile } = await cdp.send("Profiler.stop");
  await cdp.detach();
  writeFileSync(file, JSON.stringify(profile));
  say(`profiled ${what} written to ${file}; most self time:`);
  for (const [fn, ms] of topSelfTime(profile, 25)) say(`  ${ms.toFixed(1).padStart(7)} ms  ${fn}`);
}

/** Signs someone up on the server, writes the song there (its writer stays connected) and opens a page signed in. */
async function openSite(server: MeasuredServer, unloadMs: number): Promise<Site> {
  servers.push(server);
  const base = server.base!;
  const cookie = await signUp(base, "Bench");
  const song = await trpc<{ id: string }>(base, cookie, "piece.create", { title: "Song" });
  const writer = await writeSong(base, cookie, song.id, songNotes(noteCount));
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await ctx.addCookies(cookie.split("; ").map((c) => ({ name: c.slice(0, c.indexOf("=")), value: c.slice(c.indexOf("=") + 1), url: base })));
  // tsx keeps function names with an __name helper, which the functions sent to page.evaluate need too. Every page
  // counts its roll's draws and its long tasks from the start, for the redraws and the long task after an open.
  await ctx.addInitScript({ content: `globalThis.__name = (f) => f; ${OPEN_PROBES}` });
  return { base, cookie, song: song.id, writer, page: await ctx.newPage(), unloadMs };
}

async function writeSong(base: string, cookie: string, pieceId: string, notes: Note[]): Promise<{ destroy(): void }> {
  const client = connect(base, pieceId, cookie);
  await client.synced;
  const map = docMaps(client.doc).notes;
  for (let i = 0; i < notes.length; i += 1000) {
    client.doc.transact(() => notes.slice(i, i + 1000).forEach((n, j) => map.set(`bench-${i + j}`, n)));
  }
  // Wait until the server has it: a second client sees every note.
  const check = connect(base, pieceId, cookie);
  await check.synced;
  await until(() => docMaps(check.doc).notes.size === notes.length, 60_000);
  check.destroy();
  return client;
}

interface OpenTimes {
  total: number; // load event to the first frame painted with every note
  synced: number; // load event to the doc holding every note (WebSocket connect + sync)
  fromStart: number; // navigation start to the first frame with every note (the socket may open before the load event)
  /** In the SETTLE_MS after that frame: how many times the roll drew again, and the longest task (ms; 0: none over 50 ms). */
  redraws: number;
  longTaskAfter: number;
  /** The longest task from the load event to that frame (ms; 0: none over 50 ms). */
  longTaskBefore: number;
}


/**
 * Opens a piece; returns ms from the page's load event to the doc synced and to the first frame drawn with every note,
 * and what followed that frame (watched for SETTLE_MS with `settle`).
 */
async function openPiece({ page, base }: Site, pieceId: string, expected: number, afterLoad?: () => Promise<unknown>, settle = false): Promise<OpenTimes> {
  await page.goto(`${base}/pieces/${pieceId}`, { waitUntil: "load" });
  await afterLoad?.();
  return page.evaluate(async ({ count, settleMs }) => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    let synced = NaN;
    for (;;) {
      const doc = window.__tandem?.doc;
      if (Number.isNaN(synced) && doc && doc.getMap("notes").size === count) synced = performance.now() - nav.loadEventEnd;
      if (document.querySelector('[data-testid="note-count"]')?.textContent === String(count)) break;
      await new Promise((r) => requestAnimationFrame(r));
    }
    // The next frame draws the notes (the roll draws in an animation frame after React renders); a task posted
    // from that frame runs once it has been painted.
    await new Promise((r) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = r;
        channel.port2.postMessage(null);
      }),
    );
    const painted = performance.now();
    const w = window as unknown as { __tandemRollProbe?: { drawMs: number[] }; __benchLongTasks?: [number, number][] };
    const drawsThen = w.__tandemRollProbe?.drawMs.length ?? 0;
    await new Promise((r) => setTimeout(r, settleMs));
    const tasks = w.__benchLongTasks ?? [];
    const longest = (from: number, to: number) => Math.max(0, ...tasks.filter(([at]) => at >= from && at < to).map(([, ms]) => ms));
    return {
      total: painted - nav.loadEventEnd,
      synced,
      fromStart: painted,
      redraws: (w.__tandemRollProbe?.drawMs.length ?? 0) - drawsThen,
      longTaskAfter: longest(painted, Infinity),
      longTaskBefore: longest(nav.loadEventEnd, painted),
    };
  }, { count: expected, settleMs: settle ? SETTLE_MS : 0 });
}

function run(cmd: string, argv: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, argv, { stdio: "inherit" });
    p.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${argv.join(" ")} exited ${code}`))));
  });
}
