/**
 * npm run bench:ghost-stream: how an editor page answers while generations stream their candidates as ghost notes.
 * Starts the production server with the shipped model (next build first when .next is missing), imports
 * lib/midi/fixtures/pop909-001.mid as a piece with `--people` editors, and opens it on `--pages` pages in Debian's
 * Chromium. Each page is clicked every CLICK_EVERY_MS (a heading: nothing but the click's own frame to draw), and
 * measured first with no generation running (the baseline, same run, same pages), then while the editors ask for
 * `--requests` 12-bar infills of every track with 3 candidates each, at once, until the last is answered.
 *
 *   npm run bench:ghost-stream -- [--pages 2] [--people 3] [--requests 12] [--candidates 3] [--idle 8] [--json FILE] [--profile FILE]
 *
 * Per page and phase: each click's time from its input event to the next painted frame, long tasks (over 50 ms), how
 * late a 50 ms timer ran (the page's event-loop delay) and the bytes its WebSocket received. --profile writes a V8 CPU
 * profile of the first page while the generations stream, and prints the functions with the most self time.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { execFileSync } from "node:child_process";
import { chromium, type Page } from "@playwright/test";
import { connect, signUp, trpc } from "../server/testing/real-server";
import { startTandem } from "./memory/servers";
import { countWsBytes, PAGE_PROBE, resetProbe, takeProbe, type PhaseFigures } from "./ghost-stream/probe";
import { phaseTable } from "./ghost-stream/report";
import { topSelfTime } from "./piano-roll/report";

const CLICK_EVERY_MS = 250;
/** Quiet after the pages open: deferred work waits for 400 ms without a click, or 10 s at most. */
const SETTLE_MS = 12_000;
/** The long request of e2e/generation-line.spec.ts: bars 5-16 of the song, every track. */
const REGION = { startBar: 4, endBar: 16, pitchLo: 0, pitchHi: 127 };

const { values: args } = parseArgs({
  options: {
    pages: { type: "string", default: "2" },
    people: { type: "string", default: "3" },
    requests: { type: "string", default: "12" },
    candidates: { type: "string", default: "3" },
    idle: { type: "string", default: "8" },
    json: { type: "string" },
    profile: { type: "string" },
  },
});
const say = (m: string) => console.error(`[bench] ${m}`);
const pageCount = Number(args.pages);
const peopleCount = Number(args.people);
const requests = Number(args.requests);
const candidates = Number(args.candidates);
// The embedded database, whatever DATABASE_URL says: the bench measures the pages.
delete process.env.DATABASE_URL;

if (!existsSync(".next/BUILD_ID")) {
  say("no production build: running next build");
  execFileSync("npx", ["next", "build"], { stdio: "inherit" });
}

const server = await startTandem("this build", "pglite", { next: true });
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const base = server.base!;
  const people = await Promise.all(Array.from({ length: peopleCount }, (_, i) => signUp(base, `Editor${i + 1}`)));
  const song = readFileSync(new URL("../lib/midi/fixtures/pop909-001.mid", import.meta.url)).toString("base64");
  const { pieceId } = await trpc<{ pieceId: string }>(base, people[0], "midi.importPiece", { file: { name: "pop909-001.mid", base64: song } });
  const invite = await trpc<{ token: string }>(base, people[0], "piece.createInvite", { pieceId, role: "editor" });
  for (const cookie of people.slice(1)) await trpc(base, cookie, "piece.acceptInvite", { token: invite.token });
  const trackIds = Object.keys(await trackIdsOf(base, people[0], pieceId));

  const ask = (cookie: string) =>
    trpc(base, cookie, "generation.request", { pieceId, mode: "infill", region: { ...REGION, trackIds }, candidates, temperature: 1 }).then(
      () => true,
      (e: Error) => (say(`a request failed: ${e.message}`), false),
    );
  // The model's first run in a process is slower; then the piece has no generation left on it.
  say("warming the model up");
  await ask(people[0]);
  await discardAll(base, people[0], pieceId, await listGenerations(base, people[0], pieceId));

  const pages = await Promise.all(Array.from({ length: pageCount }, (_, i) => openPage(base, people[i % peopleCount], pieceId)));
  // The work an open defers to a quiet moment (the sound preload, the chord symbols) runs before the baseline.
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const idle = await measure(pages, () => new Promise((r) => setTimeout(r, Number(args.idle) * 1000)));
  say(`idle: ${idle.map((p) => `${p.clicks.length} clicks`).join(", ")}`);

  const profiler = args.profile ? await pages[0].page.context().newCDPSession(pages[0].page) : null;
  if (profiler) {
    await profiler.send("Profiler.enable");
    await profiler.send("Profiler.setSamplingInterval", { interval: 500 });
    await profiler.send("Profiler.start");
  }
  let answered = 0;
  const t0 = performance.now();
  const streaming = await measure(pages, async () => {
    const asks = Array.from({ length: requests }, (_, i) => ask(people[i % peopleCount]));
    answered = (await Promise.all(asks)).filter(Boolean).length;
  });
  const generationSeconds = (performance.now() - t0) / 1000;
  say(`${answered} of ${requests} generations answered in ${generationSeconds.toFixed(1)} s`);
  if (profiler && args.profile) {
    const { profile } = await profiler.send("Profiler.stop");
    writeFileSync(args.profile, JSON.stringify(profile));
    say(`profile of page 1 while streaming written to ${args.profile}; most self time:`);
    for (const [fn, ms] of topSelfTime(profile, 25)) say(`  ${ms.toFixed(1).padStart(8)} ms  ${fn}`);
  }

  const machine = `${os.cpus().length} x ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`;
  console.log(machine);
  console.log(`${pageCount} pages on one piece (pop909-001); ${requests} requests by ${peopleCount} editors, bars ${REGION.startBar + 1}-${REGION.endBar}, every track, ${candidates} candidates; answered ${answered} in ${generationSeconds.toFixed(1)} s\n`);
  console.log(phaseTable(idle, streaming));
  if (args.json) writeFileSync(args.json, JSON.stringify({ when: new Date().toISOString(), machine, answered, generationSeconds, idle, streaming }, null, 2));
} finally {
  await browser.close();
  await server.stop();
}

interface OpenPage {
  page: Page;
  cookie: string;
  ws: { bytes: number };
  /** Where the page is clicked: the AI suggestions heading, which does nothing, so each click costs only its frame. */
  at: { x: number; y: number };
}

async function openPage(base: string, cookie: string, pieceId: string): Promise<OpenPage> {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await ctx.addCookies(cookie.split("; ").map((c) => ({ name: c.slice(0, c.indexOf("=")), value: c.slice(c.indexOf("=") + 1), url: base })));
  await ctx.addInitScript({ content: PAGE_PROBE });
  const page = await ctx.newPage();
  const ws = countWsBytes(page);
  await page.goto(`${base}/pieces/${pieceId}`, { waitUntil: "load" });
  await page.getByTestId("connection-status").filter({ hasText: /connected/i }).waitFor({ timeout: 60_000 }).catch(() => undefined);
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="note-count"]')?.textContent ?? 0) > 0, undefined, { timeout: 60_000 });
  const heading = page.locator("#suggestions-heading");
  await heading.scrollIntoViewIfNeeded();
  const box = (await heading.boundingBox())!;
  return { page, cookie, ws, at: { x: box.x + 10, y: box.y + box.height / 2 } };
}

/** Clicks every page every CLICK_EVERY_MS while `during` runs; what each page's probe saw meanwhile. */
async function measure(pages: OpenPage[], during: () => Promise<void>): Promise<PhaseFigures[]> {
  await Promise.all(pages.map((p) => resetProbe(p.page)));
  const roundTrips: number[] = [];
  const bytesBefore = pages.map((p) => p.ws.bytes);
  let done = false;
  const t0 = performance.now();
  const clicking = pages.map(async (p) => {
    let sent = 0;
    while (!done) {
      const next = performance.now() + CLICK_EVERY_MS;
      await p.page.mouse.click(p.at.x, p.at.y);
      sent++;
      await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
    }
    return sent;
  });
  // The server's answer to a small request (the session), as the pages' own requests wait for it.
  const asking = (async () => {
    while (!done) {
      const next = performance.now() + CLICK_EVERY_MS;
      const t = performance.now();
      await fetch(`${server.base}/api/auth/get-session`, { headers: { cookie: pages[0].cookie } }).then((r) => r.arrayBuffer());
      roundTrips.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
    }
  })();
  await during();
  done = true;
  const sent = await Promise.all(clicking);
  await asking;
  const seconds = (performance.now() - t0) / 1000;
  return Promise.all(pages.map(async (p, i) => ({ ...(await takeProbe(p.page, sent[i])), seconds, wsBytes: p.ws.bytes - bytesBefore[i], serverMs: roundTrips })));
}

async function trackIdsOf(base: string, cookie: string, pieceId: string): Promise<Record<string, unknown>> {
  const client = connect(base, pieceId, cookie);
  await client.synced;
  const tracks = Object.fromEntries(client.doc.getMap("tracks").entries());
  client.destroy();
  return tracks;
}

async function listGenerations(base: string, cookie: string, pieceId: string): Promise<string[]> {
  const client = connect(base, pieceId, cookie);
  await client.synced;
  const ids = [...client.doc.getMap("generations").keys()];
  client.destroy();
  return ids;
}

async function discardAll(base: string, cookie: string, pieceId: string, ids: string[]): Promise<void> {
  for (const generationId of ids) await trpc(base, cookie, "generation.discard", { pieceId, generationId }).catch(() => undefined);
}
