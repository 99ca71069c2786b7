/**
 * Time to draw the credits PDF, with the fonts parsed once per process (the server's way) against a
 * fresh parse of every font file for each PDF (the way before), for sheets in Latin only, with Chinese
 * names, and with Korean and Arabic names. The event loop is blocked for the whole of each PDF, so the
 * time is also how long the server stops answering.
 *
 *   npx tsx bench/credits-pdf.ts [--runs 7]
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { create as parseFont } from "fontkit";
import { renderCreditsPdf } from "../server/authorship/exports/credits-pdf";
import { buildCreditsSheet } from "../server/authorship/exports/credits-sheet";
import { buildDisclosure } from "../server/authorship/exports/disclosure";
import { computeFigures } from "../server/authorship/exports/figures";
import { fontFiles, type PdfFont } from "../server/authorship/exports/pdf-fonts";
import { ADA, BO, scriptedPiece } from "../server/authorship/exports/test-fixture";

const runsArg = process.argv.indexOf("--runs");
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;

function sheetNamed(ada: string, bo: string) {
  const piece = scriptedPiece();
  piece.ledger = piece.ledger.map((r) => ({ ...r, actorName: r.actorId === BO.id ? bo : r.actorId === ADA.id ? ada : r.actorName }));
  const f = computeFigures(piece);
  return buildCreditsSheet(piece, f, buildDisclosure(piece, f));
}

const sheets = [
  { name: "Latin only", sheet: sheetNamed("Ada", "Bo") },
  { name: "Chinese names", sheet: sheetNamed("王菲", "陈 Ada") },
  { name: "Korean and Arabic names", sheet: sheetNamed("ليلى حسن", "김민준") },
];
const freshParse = (font: PdfFont) => parseFont(readFileSync(fontFiles()[font]));

async function time(render: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await render();
    out.push(performance.now() - t0);
  }
  return out;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

await renderCreditsPdf(sheets[0].sheet, { loadFont: freshParse }); // load pdfkit and warm the JIT, parse nothing for later
console.log(`| sheet | fonts parsed once: first PDF | then, p50 of ${runs} | fresh parse per PDF (before), p50 of ${runs} | speed-up |`);
console.log("| --- | --: | --: | --: | --: |");
for (const { name, sheet } of sheets) {
  const t0 = performance.now();
  await renderCreditsPdf(sheet);
  const first = performance.now() - t0;
  const shared = median(await time(() => renderCreditsPdf(sheet)));
  const fresh = median(await time(() => renderCreditsPdf(sheet, { loadFont: freshParse })));
  console.log(`| ${name} | ${first.toFixed(0)} ms | ${shared.toFixed(0)} ms | ${fresh.toFixed(0)} ms | ${(fresh / shared).toFixed(1)}x |`);
}
