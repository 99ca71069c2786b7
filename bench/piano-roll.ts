/**
 * npm run bench:piano-roll: the editor with a real song in a real browser. Starts the production
 * server (next build first when .next is missing), writes a 10,000-note piece over 4 tracks through
 * y-websocket, opens it in Debian's Chromium and measures the time to open it after page load and
 * the frame times while scrolling and while dragging a selection. Baselines in the same run: the
 * previous renderer (every note of the piece drawn each frame, no culling) for the frames, and an
 * empty piece and the previous client for the open time. The opens are timed with the piece already
 * open on the server (its writer stays connected), then cold: nobody on it, so the server loads it
 * from the database first (the server unloads an idle piece after 1 s here).
 *
 *   npm run bench:piano-roll -- [--notes 10000] [--frames 150] [--runs 3] [--port 3191] [--json FILE] [--profile FILE]
 *
 * --profile writes a V8 CPU profile of one more open of the song (open it in Chrome DevTools) and
 * prints the functions that took the most of it.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Page } from "@playwright/test";
import { docMaps, type Note } from "../lib/doc-schema";
import { connect, signUp, trpc, until } from "../server/testing/real-server";
import { songNotes } from "./piano-roll/song";
import { dragSelection, scroll } from "./piano-roll/gestures";
import { frameTable, openTable, topSelfTime, type FrameRow } from "./piano-roll/report";

const { values: args } = parseArgs({
  options: {
    notes: { type: "string", default: "10000" },
    frames: { type: "string", default: "150" },
    runs: { type: "string", default: "3" },
    port: { type: "string", default: "3191" },
    json: { type: "string" },
    profile: { type: "string" },
  },
});
const say = (m: string) => console.error(`[bench] ${m}`);
const IDLE_UNLOAD_MS = 1000;
const noteCount = Number(args.notes);
const frames = Number(args.frames);
const runs = Number(args.runs);

if (!existsSync(".next/BUILD_ID")) {
  say("no production build: running next build");
  await run("npx", ["next", "build"]);
}

const port = Number(args.port);
const base = `http://127.0.0.1:${port}`;
// The embedded database in a temporary folder, whatever DATABASE_URL says: the bench measures the editor.
const { DATABASE_URL: _ignored, ...env } = process.env;
const server = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
  env: {
    ...env,
    PORT: String(port),
    NODE_ENV: "production",
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "tandem-bench-roll-")),
    COLLAB_IDLE_UNLOAD_MS: String(IDLE_UNLOAD_MS),
  },
  stdio: ["ignore", "ignore", "inherit"],
});
let serverExited = false;
server.once("exit", () => (serverExited = true));
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  await waitForHealth();
  const cookie = await signUp(base, "Bench");
  const song = await trpc<{ id: string }>(base, cookie, "piece.create", { title: "Song" });
  const empty = await trpc<{ id: string }>(base, cookie, "piece.create", { title: "Empty" });
  const writer = await writeSong(cookie, song.id, songNotes(noteCount)); // stays connected: the piece stays open
  say(`piece with ${noteCount} notes written`);

  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await ctx.addCookies(cookie.split("; ").map((c) => ({ name: c.slice(0, c.indexOf("=")), value: c.slice(c.indexOf("=") + 1), url: base })));
  // tsx keeps function names with an __name helper, which the functions sent to page.evaluate need too.
  // The collab probe (the previous client, for the open's baseline) is read from sessionStorage before the app runs.
  await ctx.addInitScript({
    content: "globalThis.__name = (f) => f; if (sessionStorage.tandemCollabProbe) window.__tandemCollabProbe = JSON.parse(sessionStorage.tandemCollabProbe);",
  });
  const page = await ctx.newPage();

  const openSong: OpenTimes[] = [];
  const openEmpty: OpenTimes[] = [];
  const openPrevious: OpenTimes[] = [];
  // Interleaved, so the three see the same load on a busy machine.
  for (let i = 0; i < runs; i++) {
    openEmpty.push(await openPiece(page, empty.id, 0));
    openSong.push(await openPiece(page, song.id, noteCount));
    await setCollabProbe(page, { previousOpen: true });
    openPrevious.push(await openPiece(page, song.id, noteCount));
    await setCollabProbe(page, null);
  }
  const list = (xs: OpenTimes[]) => xs.map((x) => x.total.toFixed(0)).join(", ");
  say(`open: song ${list(openSong)} ms; previous client ${list(openPrevious)} ms; empty ${list(openEmpty)} ms`);
  if (args.profile) {
    const cdp = await ctx.newCDPSession(page);
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
    // From the load event on, as the open time is counted.
    const times = await openPiece(page, song.id, noteCount, () => cdp.send("Profiler.start"));
    const { profile } = await cdp.send("Profiler.stop");
    await cdp.detach();
    writeFileSync(args.profile, JSON.stringify(profile));
    say(`profiled open (${times.total.toFixed(0)} ms) written to ${args.profile}; most self time:`);
    for (const [fn, ms] of topSelfTime(profile, 25)) say(`  ${ms.toFixed(1).padStart(7)} ms  ${fn}`);
  }

  const results: FrameRow[] = [];
  const views = [
    { zoom: "default (5 bars in view)", outs: 0 },
    { zoom: "zoomed out (25 bars in view)", outs: 7 },
  ];
  for (const { zoom, outs } of views) {
    for (const noCull of [false, true]) {
      const renderer = noCull ? "previous: every note each frame" : "culled: sorted index";
      // A fresh open for each gesture, so each starts from the same view.
      const view = async () => {
        await openPiece(page, song.id, noteCount);
        await page.getByTestId("piano-roll").focus();
        for (let i = 0; i < outs; i++) await page.keyboard.press("-");
      };
      await view();
      results.push({ zoom, renderer, gesture: "scroll", ...(await scroll(page, noCull, frames)) });
      await view();
      results.push({ zoom, renderer, gesture: "drag selection", ...(await dragSelection(page, noCull, 0.1 * 0.8 ** outs, frames)) });
      say(`${zoom}, ${renderer}: done`);
    }
  }
  // Cold: the writer leaves, and before each open the piece is left alone long enough to be saved and unloaded.
  writer.destroy();
  const coldSong: OpenTimes[] = [];
  const coldPrevious: OpenTimes[] = [];
  const leaveAlone = async () => {
    await page.goto(`${base}/pieces`, { waitUntil: "load" });
    await new Promise((r) => setTimeout(r, IDLE_UNLOAD_MS + 1500));
  };
  for (let i = 0; i < runs; i++) {
    await leaveAlone();
    coldSong.push(await openPiece(page, song.id, noteCount));
    await setCollabProbe(page, { previousOpen: true });
    await leaveAlone();
    coldPrevious.push(await openPiece(page, song.id, noteCount));
    await setCollabProbe(page, null);
  }
  say(`cold open: song ${list(coldSong)} ms; previous client ${list(coldPrevious)} ms`);

  const report = {
    when: new Date().toISOString(),
    machine: `${os.cpus().length} x ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`,
    notes: noteCount,
    open: { song: openSong, previous: openPrevious, empty: openEmpty, coldSong, coldPrevious },
    frames: results,
  };
  console.log(report.machine);
  console.log();
  console.log(openTable(report.open, noteCount));
  console.log();
  console.log(frameTable(results));
  if (args.json) writeFileSync(args.json, JSON.stringify(report, null, 2));
} finally {
  await browser.close();
  server.kill("SIGTERM");
}

async function waitForHealth(): Promise<void> {
  const end = Date.now() + 120_000;
  while (Date.now() < end) {
    if (serverExited) throw new Error("the server exited before it was ready (see its log above)");
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the server did not start within 120 s");
}

/** Writes the song through a y-websocket client, and returns that client, still connected. */
async function writeSong(cookie: string, pieceId: string, notes: Note[]): Promise<{ destroy(): void }> {
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

/** Sets (or clears) the collab probe for the page's next loads. */
async function setCollabProbe(page: Page, probe: Window["__tandemCollabProbe"] | null): Promise<void> {
  await page.evaluate((p) => (p ? sessionStorage.setItem("tandemCollabProbe", JSON.stringify(p)) : sessionStorage.removeItem("tandemCollabProbe")), probe);
}

interface OpenTimes {
  total: number; // load event to the first frame painted with every note
  synced: number; // load event to the doc holding every note (WebSocket connect + sync)
  fromStart: number; // navigation start to the first frame with every note (the socket may open before the load event)
}

/** Opens a piece; returns ms from the page's load event to the doc synced and to the first frame drawn with every note. */
async function openPiece(page: Page, pieceId: string, expected: number, afterLoad?: () => Promise<unknown>): Promise<OpenTimes> {
  await page.goto(`${base}/pieces/${pieceId}`, { waitUntil: "load" });
  await afterLoad?.();
  return page.evaluate(async (count) => {
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
    return { total: performance.now() - nav.loadEventEnd, synced, fromStart: performance.now() };
  }, expected);
}

function run(cmd: string, argv: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, argv, { stdio: "inherit" });
    p.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${argv.join(" ")} exited ${code}`))));
  });
}
