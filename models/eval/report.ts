/** Aggregates per-region results into rows by group (all, per source, per task); tables.ts renders them. */
import type { HarmonySource } from "./harmony";
import { median, type Diversity } from "./metrics";
import { addBits, emptyBits, type RegionBits } from "./nll";
import type { CandidateScore } from "./score";
import { TASK_KINDS, type TaskKind } from "./tasks";

export interface TaskResult {
  source: string;
  piece: string;
  kind: "infill" | "continue"; // the request's mode
  task: TaskKind;
  bars: number;
  tracks: number;
  truthNotes: number;
  harmony: HarmonySource | null; // what chord tones are measured against
  chordTonesOriginal: number | null; // the original notes' chord-tone share, for scale
  nll: Record<string, RegionBits | null>; // method -> bits (null: did not fit the model)
  sampling: Record<string, CandidateScore[]>; // method -> its candidates
  diversity: Record<string, Diversity | null>; // method -> how its candidates differ (absent: not meaningful)
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
  /** Share of candidates with notes (the originals always have some): a region's, then over regions. */
  wroteNotes: number;
  /** Median over candidates of their notes / the original's notes. */
  noteRatio: number | null;
  /** Over regions with two or more candidates: distinct share, mean pairwise onset and pitch distances. */
  distinct: number | null;
  onsetDistance: number | null;
  pitchDistance: number | null;
  chordTones: number | null;
  chordTonesOriginal: number | null;
  /** Regions per harmony source the chord tones are measured against. */
  harmony: Partial<Record<HarmonySource, number>>;
  constraintsMet: number;
  pitchRange: number;
  tracks: number;
  span: number;
  polyphony: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
  firstNoteP50Ms: number | null;
}

const known = (xs: (number | null)[]): number[] => xs.filter((x): x is number => x !== null);
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
  for (const k of TASK_KINDS) groups.push([k, results.filter((r) => r.task === k)]);
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
      const sampled = rs.filter((r) => (r.sampling[method]?.length ?? 0) > 0);
      if (sampled.length === 0) continue;
      const per = sampled.map((r) => r.sampling[method]);
      const all = per.flat();
      const byRegion = (f: (c: CandidateScore) => number | null) => mean(known(per.map((cs) => mean(known(cs.map(f))))));
      const rate = (f: (c: CandidateScore) => boolean) => all.filter(f).length / all.length;
      const firsts = all.map((c) => c.firstNoteMs).filter((x): x is number => x !== null);
      const spread = sampled.map((r) => r.diversity[method]).filter((x): x is Diversity => !!x);
      const ofSpread = (f: (d: Diversity) => number) => mean(spread.map(f));
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
        wroteNotes: byRegion((c) => (c.notes > 0 ? 1 : 0))!,
        noteRatio: median(known(all.map((c) => c.noteRatio))),
        distinct: ofSpread((d) => d.distinct),
        onsetDistance: ofSpread((d) => d.onsetDistance),
        pitchDistance: ofSpread((d) => d.pitchDistance),
        chordTones: byRegion((c) => c.chordTones),
        chordTonesOriginal: mean(known(sampled.map((r) => r.chordTonesOriginal))),
        harmony: countBy(sampled.map((r) => r.harmony)),
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

function countBy<K extends string>(keys: (K | null)[]): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  for (const k of keys) if (k !== null) out[k] = (out[k] ?? 0) + 1;
  return out;
}
