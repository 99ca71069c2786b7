/**
 * How long the credits PDF holds up the server's event loop: drawn on the main thread (the way before) against drawn
 * in the worker thread (credits-pdf-renderer.ts, the server's way), for sheets in Latin only, with Chinese names, and
 * with Korean and Arabic names. A timer ticking every 2 ms measures the longest stall while each PDF is made; the wall
 * time is how long the person downloading it waits. In-thread, the stall is the whole PDF; with the worker, only the
 * messages in and out, next to the stall of an idle loop over the same time (timer jitter on a busy machine).
 *
 *   npx tsx bench/credits-pdf.ts [--runs 7]
 */
import { setTimeout as sleep } from "node:timers/promises";
import { renderCreditsPdf } from "../server/authorship/exports/credits-pdf";
import { createCreditsPdfRenderer } from "../server/authorship/exports/credits-pdf-renderer";
import type { CreditsSheet } from "../server/authorship/exports/credits-sheet";
import { measureLoopStall as measure, type LoopStall as Sample } from "../server/authorship/exports/test-loop-stall";
import { sheetNamed } from "../server/authorship/exports/test-sheets";

const runsArg = process.argv.indexOf("--runs");
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;

const sheets = [
  { name: "Latin only", sheet: sheetNamed("Ada", "Bo") },
  { name: "Chinese names", sheet: sheetNamed("王菲", "陈 Ada") },
  { name: "Korean and Arabic names", sheet: sheetNamed("ليلى حسن", "김민준") },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(0)} ms`;

/** The first PDF of each sheet (fonts parsed for it), then the median stall and time of `runs` more. */
async function series(draw: (sheet: CreditsSheet) => Promise<unknown>) {
  const rows: { first: Sample; stall: number; took: number }[] = [];
  for (const { sheet } of sheets) {
    const first = await measure(() => draw(sheet));
    const later: Sample[] = [];
    for (let i = 0; i < runs; i++) later.push(await measure(() => draw(sheet)));
    rows.push({ first, stall: median(later.map((s) => s.stall)), took: median(later.map((s) => s.took)) });
  }
  return rows;
}

// The worker first: its thread is started by its first PDF, as in the server; this thread has loaded no font yet.
const renderer = createCreditsPdfRenderer();
const worker = await series((sheet) => renderer.render(sheet));
await renderer.close();
const inThread = await series((sheet) => renderCreditsPdf(sheet));
const idle: number[] = [];
for (const w of worker) {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push((await measure(() => sleep(w.took))).stall);
  idle.push(median(samples));
}

console.log(`| sheet | in-thread: first PDF stalls the loop | then, p50 of ${runs} | worker: first PDF stalls the loop (wall) | then, p50 of ${runs} (wall) | idle loop, as long, p50 | stall, in-thread / worker (later PDFs) |`);
console.log("| --- | --: | --: | --: | --: | --: | --: |");
sheets.forEach(({ name }, i) => {
  const [t, w] = [inThread[i], worker[i]];
  console.log(
    `| ${name} | ${ms(t.first.stall)} | ${ms(t.stall)} | ${ms(w.first.stall)} (${ms(w.first.took)}) | ${ms(w.stall)} (${ms(w.took)}) | ${ms(idle[i])} | ${(t.stall / w.stall).toFixed(0)}x |`,
  );
});
