/** Aggregates per-task results into groups (all, per source, per kind) and renders them as markdown tables. */
import { addBits, emptyBits, type RegionBits } from "./nll";
import type { CandidateScore } from "./score";

export interface TaskResult {
  source: string;
  piece: string;
  kind: "infill" | "continue";
  bars: number;
  tracks: number;
  truthNotes: number;
  nll: Record<string, RegionBits | null>; // method -> bits (null: did not fit the model)
  sampling: Record<string, CandidateScore[]>; // method -> its candidates
  errors: string[];
}

export interface NllRow {
  group: string;
  method: string;
  regions: number;
  notes: number;
  bitsPerNote: number;
  onset: number;
  duration: number;
  pitch: number;
  structure: number;
}

export interface SamplingRow {
  group: string;
  method: string;
  regions: number;
  candidates: number;
  onsetF1: number;
  precision: number;
  recall: number;
  pitchClassOverlap: number | null;
  inKey: number | null;
  densityError: number;
  groove: number;
  constraintsMet: number;
  pitchRange: number;
  tracks: number;
  span: number;
  polyphony: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
  firstNoteP50Ms: number | null;
}

const mean = (xs: number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export function groupsOf(results: TaskResult[]): [string, TaskResult[]][] {
  const groups: [string, TaskResult[]][] = [["all", results]];
  const sources = [...new Set(results.map((r) => r.source))];
  if (sources.length > 1) for (const s of sources) groups.push([s, results.filter((r) => r.source === s)]);
  for (const k of ["infill", "continue"] as const) groups.push([k, results.filter((r) => r.kind === k)]);
  return groups.filter(([, rs]) => rs.length > 0);
}

/** Bits per note pooled over a group's regions (total bits / total notes). */
export function nllRows(results: TaskResult[], methods: string[]): NllRow[] {
  const rows: NllRow[] = [];
  for (const [group, rs] of groupsOf(results))
    for (const method of methods) {
      // Only regions every method scored, so the methods are compared on the same notes.
      const scored = rs.filter((r) => methods.every((m) => r.nll[m]));
      const b = scored.reduce((acc, r) => addBits(acc, r.nll[method]!), emptyBits());
      if (b.notes === 0) continue;
      rows.push({
        group,
        method,
        regions: scored.length,
        notes: b.notes,
        bitsPerNote: b.total / b.notes,
        onset: b.onset / b.notes,
        duration: b.duration / b.notes,
        pitch: b.pitch / b.notes,
        structure: b.structure / b.notes,
      });
    }
  return rows;
}

/** Metrics averaged over a region's candidates, then over regions; constraint rates and latencies over candidates. */
export function samplingRows(results: TaskResult[], methods: string[]): SamplingRow[] {
  const rows: SamplingRow[] = [];
  for (const [group, rs] of groupsOf(results))
    for (const method of methods) {
      const per = rs.map((r) => r.sampling[method] ?? []).filter((c) => c.length > 0);
      if (per.length === 0) continue;
      const all = per.flat();
      const byRegion = (f: (c: CandidateScore) => number | null) =>
        mean(per.map((cs) => mean(cs.map(f).filter((x): x is number => x !== null))).filter((x): x is number => x !== null));
      const rate = (f: (c: CandidateScore) => boolean) => all.filter(f).length / all.length;
      const firsts = all.map((c) => c.firstNoteMs).filter((x): x is number => x !== null);
      rows.push({
        group,
        method,
        regions: per.length,
        candidates: all.length,
        onsetF1: byRegion((c) => c.f1)!,
        precision: byRegion((c) => c.precision)!,
        recall: byRegion((c) => c.recall)!,
        pitchClassOverlap: byRegion((c) => c.pitchClassOverlap),
        inKey: byRegion((c) => c.inKey),
        densityError: byRegion((c) => c.densityError)!,
        groove: byRegion((c) => c.groove)!,
        constraintsMet: rate((c) => c.constraints.all),
        pitchRange: rate((c) => c.constraints.pitchRange),
        tracks: rate((c) => c.constraints.tracks),
        span: rate((c) => c.constraints.span),
        polyphony: rate((c) => c.constraints.polyphony),
        latencyP50Ms: percentile(all.map((c) => c.latencyMs), 50),
        latencyP95Ms: percentile(all.map((c) => c.latencyMs), 95),
        firstNoteP50Ms: firsts.length ? percentile(firsts, 50) : null,
      });
    }
  return rows;
}

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
