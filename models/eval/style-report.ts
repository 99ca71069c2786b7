/** The figures of `npm run model:eval-style`: per band, own and others' held-out regions, base against adapted. */
import { openStyleMemory } from "../../server/inference/adaptation/style-memory";
import { regionBitsWith } from "../adapt/region-steps";
import type { BandRun, TestRegion } from "./style-band-run";

export interface NllCell {
  regions: number;
  notes: number;
  raw: number; // bits: the shipped model over its whole vocabulary (model:eval's figure)
  base: number; // bits: the shipped model over the ids the decoder may choose
  adapted: number; // bits: that, adapted (mixed with the band's memory, or the fine-tuned network)
}

export interface SampledCell {
  regions: number;
  f1: number | null; // note-onset F1, mean over regions (each the mean over its candidates)
  pitchClassOverlap: number | null; // over the regions with pitched notes
}

export interface BandRow {
  band: string;
  adaptPieces: number;
  tuneRegions: number;
  own: NllCell;
  others: NllCell;
  sampled?: { own: { base: SampledCell; adapted: SampledCell }; others: { base: SampledCell; adapted: SampledCell } };
  adaptSeconds: number;
  bytes: number;
}

/** `adapted`: a region's bits, over the same ids as base, with the band's adaptation. */
export function nllCell(regions: readonly TestRegion[], adapted: (r: TestRegion) => number): NllCell {
  const c: NllCell = { regions: regions.length, notes: 0, raw: 0, base: 0, adapted: 0 };
  for (const r of regions) {
    c.notes += r.scored.notes;
    c.raw += r.rawBits;
    c.base += regionBitsWith(r.scored, null);
    c.adapted += adapted(r);
  }
  return c;
}

/** Every band's memory on its own held-out regions and on all the other bands' pooled. */
export function nllRows(runs: readonly BandRun[]): Omit<BandRow, "sampled">[] {
  return runs.map((run) => {
    const memory = openStyleMemory(run.artifact);
    const adapted = (r: TestRegion) => regionBitsWith(r.scored, memory);
    return {
      band: run.band.name,
      adaptPieces: run.artifact.sources.length,
      tuneRegions: run.tuneRegions,
      own: nllCell(run.test, adapted),
      others: nllCell(runs.filter((r) => r !== run).flatMap((r) => r.test), adapted),
      adaptSeconds: run.adaptSeconds,
      bytes: run.bytes,
    };
  });
}

export const perNote = (bits: number, c: NllCell) => (c.notes > 0 ? bits / c.notes : NaN);
export const change = (c: NllCell) => (c.base > 0 ? c.adapted / c.base - 1 : NaN);

const pct = (x: number) => (Number.isFinite(x) ? `${x >= 0 ? "+" : ""}${(100 * x).toFixed(1)}%` : "–");
const f2 = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? "–" : x.toFixed(2));
const nll = (c: NllCell) => `${f2(perNote(c.base, c))} → ${f2(perNote(c.adapted, c))} (${pct(change(c))})`;
const pair = (a: SampledCell, b: SampledCell, k: "f1" | "pitchClassOverlap") => `${f2(a[k])} → ${f2(b[k])}`;

export function bandTable(rows: readonly BandRow[]): string {
  const head =
    "| band | adapt pieces | tune / own / others regions | own bits/note, base → adapted | others bits/note, base → adapted | own onset F1 | own PC overlap | others onset F1 | others PC overlap | adapt s | stored KB |";
  const lines = rows.map((r) => {
    const s = r.sampled;
    const sampled = s
      ? [pair(s.own.base, s.own.adapted, "f1"), pair(s.own.base, s.own.adapted, "pitchClassOverlap"), pair(s.others.base, s.others.adapted, "f1"), pair(s.others.base, s.others.adapted, "pitchClassOverlap")]
      : ["–", "–", "–", "–"];
    return `| ${r.band} | ${r.adaptPieces} | ${r.tuneRegions} / ${r.own.regions} / ${r.others.regions} | ${nll(r.own)} | ${nll(r.others)} | ${sampled.join(" | ")} | ${r.adaptSeconds.toFixed(1)} | ${(r.bytes / 1024).toFixed(0)} |`;
  });
  return [head, `|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|`, ...lines].join("\n");
}

export interface StyleSummary {
  bands: number;
  ownChange: number; // mean over bands of the relative change in own held-out bits
  othersChange: number; // mean over bands of the relative change on the other bands' regions
  ownChangeRaw: number; // the same against model:eval's whole-vocabulary figure
  target: { own: number; others: number; met: boolean };
}

export function summarize(rows: readonly BandRow[]): StyleSummary {
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const ownChange = mean(rows.map((r) => change(r.own)));
  const othersChange = mean(rows.map((r) => change(r.others)));
  const ownChangeRaw = mean(rows.map((r) => r.own.adapted / r.own.raw - 1));
  return { bands: rows.length, ownChange, othersChange, ownChangeRaw, target: { own: -0.1, others: 0.02, met: ownChange <= -0.1 && othersChange <= 0.02 } };
}

export function summaryLine(s: StyleSummary): string {
  return (
    `${s.bands} bands: own held-out NLL ${pct(s.ownChange)} on average (${pct(s.ownChangeRaw)} against the shipped model over its whole ` +
    `vocabulary), others' ${pct(s.othersChange)}. Target: own -10% or better, others no worse than +2%: ${s.target.met ? "met" : "not met"}.`
  );
}
