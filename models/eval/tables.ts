/** Markdown tables of an evaluation's rows (report.ts): NLL, sampling against the original, and what a user gets. */
import type { NllRow, SamplingRow } from "./report";

const f = (x: number | null, digits = 2) => (x === null || Number.isNaN(x) ? "–" : x.toFixed(digits));
const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
const ms = (x: number | null) => (x === null || Number.isNaN(x) ? "–" : x < 10 ? x.toFixed(2) : x.toFixed(0));

export function nllTable(rows: NllRow[]): string {
  const head = "| group | method | regions | notes | bits/note | onset | duration | pitch | structure |\n|---|---|--:|--:|--:|--:|--:|--:|--:|";
  const body = rows.map(
    (r) => `| ${r.group} | ${r.method} | ${r.regions} | ${r.notes} | **${f(r.bitsPerNote)}** | ${f(r.onset)} | ${f(r.duration)} | ${f(r.pitch)} | ${f(r.structure)} |`,
  );
  return [head, ...body].join("\n");
}

export function samplingTable(rows: SamplingRow[]): string {
  const head =
    "| group | method | regions | onset F1 | P / R | PC overlap | in key | density err (notes/bar) | groove | constraints met | range / tracks / span / poly | latency p50 / p95 ms | first note p50 ms |\n" +
    "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|";
  const body = rows.map(
    (r) =>
      `| ${r.group} | ${r.method} | ${r.regions} | **${f(r.onsetF1)}** | ${f(r.precision)} / ${f(r.recall)} | ${f(r.pitchClassOverlap)} | ${f(r.inKey)} | ${f(r.densityError, 1)} | ${f(r.groove)} | ${pct(r.constraintsMet)} | ${pct(r.pitchRange)} / ${pct(r.tracks)} / ${pct(r.span)} / ${pct(r.polyphony)} | ${ms(r.latencyP50Ms)} / ${ms(r.latencyP95Ms)} | ${ms(r.firstNoteP50Ms)} |`,
  );
  return [head, ...body].join("\n");
}

const harmonyOf = (r: SamplingRow) =>
  Object.entries(r.harmony)
    .map(([source, n]) => `${source} ${n}`)
    .join(", ") || "–";

/** What a person asking for the region gets: notes at all, how many, how varied, and how well they sit on the harmony. */
export function useTable(rows: SamplingRow[]): string {
  const head =
    "| group | method | regions | candidates | wrote notes | note ratio (median) | distinct | onset / pitch distance | chord tones (original) | harmony |\n" +
    "|---|---|--:|--:|--:|--:|--:|--:|--:|---|";
  const share = (x: number | null) => (x === null ? "–" : pct(x));
  const body = rows.map(
    (r) =>
      `| ${r.group} | ${r.method} | ${r.regions} | ${r.candidates} | ${pct(r.wroteNotes)} | ${f(r.noteRatio)} | ${share(r.distinct)} | ${f(r.onsetDistance)} / ${f(r.pitchDistance)} | **${f(r.chordTones)}** (${f(r.chordTonesOriginal)}) | ${harmonyOf(r)} |`,
  );
  return [head, ...body].join("\n");
}
