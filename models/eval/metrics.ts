/** Sampling metrics: a generated region against the original one. Pure functions over document notes. */
import type { Note } from "../../lib/doc-schema";

export type EvalNote = Pick<Note, "track" | "pitch" | "start" | "duration">;

export interface OnsetScore {
  precision: number;
  recall: number;
  f1: number;
  matched: number;
}

/**
 * Note-onset precision / recall / F1: a generated note matches an original one of the same track and pitch whose
 * onset is within `tolerance` ticks; each note matches at most once. Two empty regions agree perfectly.
 */
export function onsetF1(ref: EvalNote[], est: EvalNote[], tolerance: number): OnsetScore {
  if (ref.length === 0 && est.length === 0) return { precision: 1, recall: 1, f1: 1, matched: 0 };
  const group = (notes: EvalNote[]) => {
    const m = new Map<string, number[]>();
    for (const n of notes) {
      const k = `${n.track}/${n.pitch}`;
      m.set(k, [...(m.get(k) ?? []), n.start]);
    }
    for (const list of m.values()) list.sort((a, b) => a - b);
    return m;
  };
  const refs = group(ref);
  const ests = group(est);
  let matched = 0;
  for (const [key, r] of refs) {
    const e = ests.get(key) ?? [];
    // On a line with one symmetric tolerance, matching the earliest compatible pair first is a maximum matching.
    let i = 0;
    let j = 0;
    while (i < r.length && j < e.length) {
      if (e[j] < r[i] - tolerance) j++;
      else if (e[j] > r[i] + tolerance) i++;
      else {
        matched++;
        i++;
        j++;
      }
    }
  }
  const precision = est.length ? matched / est.length : 0;
  const recall = ref.length ? matched / ref.length : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, matched };
}

/** Normalized 12-bin pitch-class histogram (each note counts once); null when there are no notes. */
export function pitchClassHistogram(notes: EvalNote[]): number[] | null {
  if (notes.length === 0) return null;
  const h = new Array<number>(12).fill(0);
  for (const n of notes) h[n.pitch % 12] += 1 / notes.length;
  return h;
}

/** Histogram intersection of pitch-class distributions, 0..1; null when the original has no notes. */
export function pitchClassOverlap(ref: EvalNote[], est: EvalNote[]): number | null {
  const a = pitchClassHistogram(ref);
  if (!a) return null;
  const b = pitchClassHistogram(est);
  if (!b) return 0;
  return a.reduce((s, x, i) => s + Math.min(x, b[i]), 0);
}

/** |generated - original| notes per bar. */
export const densityError = (ref: EvalNote[], est: EvalNote[], bars: number): number => Math.abs(est.length - ref.length) / bars;

export interface BarGrid {
  startTick: number; // the region's first downbeat
  bars: number;
  ticksPerBar: number;
  ticksPerStep: number; // onset resolution, e.g. a sixteenth (120 ticks)
}

/** Per bar, which steps have an onset (any track, any pitch). */
export function onsetPattern(notes: EvalNote[], grid: BarGrid): boolean[][] {
  const steps = Math.round(grid.ticksPerBar / grid.ticksPerStep);
  const bars = Array.from({ length: grid.bars }, () => new Array<boolean>(steps).fill(false));
  for (const n of notes) {
    const rel = n.start - grid.startTick;
    const bar = Math.floor(rel / grid.ticksPerBar);
    if (bar < 0 || bar >= grid.bars) continue;
    const step = Math.min(steps - 1, Math.round((rel - bar * grid.ticksPerBar) / grid.ticksPerStep));
    bars[bar][step] = true;
  }
  return bars;
}

/** Groove similarity (as in the Jazz Transformer / MuseMorphose papers): 1 - Hamming distance / steps, bar by bar, averaged. */
export function grooveSimilarity(ref: EvalNote[], est: EvalNote[], grid: BarGrid): number {
  const a = onsetPattern(ref, grid);
  const b = onsetPattern(est, grid);
  let sum = 0;
  for (let bar = 0; bar < grid.bars; bar++) {
    const diff = a[bar].reduce((d, x, i) => d + (x !== b[bar][i] ? 1 : 0), 0);
    sum += 1 - diff / a[bar].length;
  }
  return sum / grid.bars;
}

/** Share of notes whose pitch class is in `scale` (pitch classes 0..11); null without notes. */
export function inScaleShare(notes: EvalNote[], scale: ReadonlySet<number>): number | null {
  if (notes.length === 0) return null;
  return notes.filter((n) => scale.has(n.pitch % 12)).length / notes.length;
}

/** |generated| / |original| notes; null when the original has none (a ratio to nothing says nothing). */
export const noteCountRatio = (ref: EvalNote[], est: EvalNote[]): number | null => (ref.length > 0 ? est.length / ref.length : null);

/** The middle value (the mean of the two middle ones for an even count); null without values. */
export function median(xs: number[]): number | null {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? null : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** How many of one request's candidates differ, as sets of (track, onset, pitch, length): order does not count. */
export function distinctCount(candidates: EvalNote[][]): number {
  const key = (c: EvalNote[]) =>
    c
      .map((n) => `${n.track}:${n.start}:${n.pitch}:${n.duration}`)
      .sort()
      .join(" ");
  return new Set(candidates.map(key)).size;
}

export type NoteKey = (n: EvalNote) => string;
/** What two candidates are compared on: their notes, their onsets alone (rhythm), their pitches alone. */
export const NOTE_KEY: NoteKey = (n) => `${n.track}:${n.start}:${n.pitch}`;
export const ONSET_KEY: NoteKey = (n) => `${n.track}:${n.start}`;
export const PITCH_KEY: NoteKey = (n) => `${n.track}:${n.pitch}`;

/** 1 - Jaccard overlap of two multisets of keys (shared counts / all counts); two empty ones are the same. */
export function jaccardDistance(a: string[], b: string[]): number {
  const counts = (xs: string[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());
  const ca = counts(a);
  let shared = 0;
  for (const [k, n] of counts(b)) shared += Math.min(n, ca.get(k) ?? 0);
  const union = a.length + b.length - shared;
  return union === 0 ? 0 : 1 - shared / union;
}

/** Mean over pairs of one request's candidates of their Jaccard distance on `key`; null under two candidates. */
export function meanPairwiseDistance(candidates: EvalNote[][], key: NoteKey): number | null {
  const keys = candidates.map((c) => c.map(key));
  const out: number[] = [];
  for (let i = 0; i < keys.length; i++) for (let j = i + 1; j < keys.length; j++) out.push(jaccardDistance(keys[i], keys[j]));
  return out.length ? out.reduce((s, x) => s + x, 0) / out.length : null;
}

export interface Diversity {
  candidates: number;
  distinct: number; // share of the request's candidates that differ
  onsetDistance: number; // mean pairwise Jaccard distance of (track, onset) multisets
  pitchDistance: number; // mean pairwise Jaccard distance of (track, pitch) multisets
}

/** How different one request's candidates are; null under two candidates (one answer has no spread). */
export function candidateDiversity(candidates: EvalNote[][]): Diversity | null {
  if (candidates.length < 2) return null;
  return {
    candidates: candidates.length,
    distinct: distinctCount(candidates) / candidates.length,
    onsetDistance: meanPairwiseDistance(candidates, ONSET_KEY)!,
    pitchDistance: meanPairwiseDistance(candidates, PITCH_KEY)!,
  };
}

/** The pitch classes of the harmony at a tick; null or empty where nothing is sounding (or the chord is "N"). */
export type HarmonyAt = (tick: number) => ReadonlySet<number> | null;

/** Notes heard against some harmony at their onset, and how many of them are its tones (pitch class). */
export function chordToneCounts(notes: EvalNote[], harmonyAt: HarmonyAt): { tones: number; heard: number } {
  let tones = 0;
  let heard = 0;
  for (const n of notes) {
    const chord = harmonyAt(n.start);
    if (!chord || chord.size === 0) continue;
    heard++;
    if (chord.has(n.pitch % 12)) tones++;
  }
  return { tones, heard };
}

/** Share of notes whose pitch class is in the harmony at their onset; null when no note is heard against any. */
export function chordToneShare(notes: EvalNote[], harmonyAt: HarmonyAt): number | null {
  const { tones, heard } = chordToneCounts(notes, harmonyAt);
  return heard > 0 ? tones / heard : null;
}
