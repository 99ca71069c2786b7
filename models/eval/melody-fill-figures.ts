/** The figures of a single-track fill (melody-fill.ts): notes written, note-count ratio, distinct candidates. Pure. */
import type { Note } from "../../lib/doc-schema";
import { onsetF1, pitchClassOverlap } from "./metrics";
import { ONSET_TOLERANCE } from "./score";

export interface FilledRegion {
  truth: Note[]; // the original's notes in the region (at least one)
  /** The other tracks' notes sounding in the region (the harmony a fill is heard against). */
  accompaniment: Note[];
  candidates: Note[][];
}

export interface FillFigures {
  regions: number;
  candidates: number;
  /** Share of candidates with at least one note. */
  candidatesWithNotes: number;
  /** Share of regions where every candidate has notes. */
  regionsWithNotes: number;
  /** Median over candidates of notes written / the original's notes. */
  medianNoteRatio: number;
  /** Distinct candidates (as sets of track, onset, pitch and length) over all candidates. */
  distinct: number;
  /** Mean over pairs of one region's candidates of 1 - Jaccard overlap of their (track, onset, pitch) sets. */
  pairwiseDistance: number;
  /** Means over candidates against the original (empty candidates count 0). */
  onsetF1: number;
  pitchClassOverlap: number;
  /** Share of notes whose pitch class the accompaniment sounds at their onset: candidates', and the originals'. */
  chordTones: number;
  chordTonesOriginal: number;
}

const key = (c: Note[]) =>
  c
    .map((n) => `${n.track}:${n.start}:${n.pitch}:${n.duration}`)
    .sort()
    .join(" ");

export function fillFigures(regions: readonly FilledRegion[]): FillFigures {
  const all = regions.flatMap((r) => r.candidates.map((c) => ({ r, c })));
  const share = (k: number, n: number) => (n > 0 ? round3(k / n) : NaN);
  const distinct = regions.reduce((s, r) => s + new Set(r.candidates.map(key)).size, 0);
  return {
    regions: regions.length,
    candidates: all.length,
    candidatesWithNotes: share(all.filter((x) => x.c.length > 0).length, all.length),
    regionsWithNotes: share(regions.filter((r) => r.candidates.every((c) => c.length > 0)).length, regions.length),
    medianNoteRatio: Math.round(median(all.map((x) => x.c.length / x.r.truth.length)) * 100) / 100,
    distinct: share(distinct, all.length),
    pairwiseDistance: round3(mean(regions.flatMap((r) => pairDistances(r.candidates)))),
    onsetF1: round3(mean(all.map((x) => onsetF1(x.r.truth, x.c, ONSET_TOLERANCE).f1))),
    pitchClassOverlap: round3(mean(all.map((x) => pitchClassOverlap(x.r.truth, x.c) ?? 0))),
    chordTones: round3(chordToneShare(all.map((x) => ({ notes: x.c, accompaniment: x.r.accompaniment })))),
    chordTonesOriginal: round3(chordToneShare(regions.map((r) => ({ notes: r.truth, accompaniment: r.accompaniment })))),
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function pairDistances(candidates: Note[][]): number[] {
  const sets = candidates.map((c) => new Set(c.map((n) => `${n.track}:${n.start}:${n.pitch}`)));
  const out: number[] = [];
  for (let i = 0; i < sets.length; i++)
    for (let j = i + 1; j < sets.length; j++) {
      const shared = [...sets[i]].filter((k) => sets[j].has(k)).length;
      const union = sets[i].size + sets[j].size - shared;
      out.push(union === 0 ? 0 : 1 - shared / union);
    }
  return out;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Over all notes: the share whose pitch class sounds in the accompaniment at the note's onset (notes with none aside). */
function chordToneShare(sets: { notes: Note[]; accompaniment: Note[] }[]): number {
  let tones = 0;
  let heard = 0;
  for (const { notes, accompaniment } of sets)
    for (const n of notes) {
      const sounding = accompaniment.filter((a) => a.start <= n.start && n.start < a.start + a.duration);
      if (sounding.length === 0) continue;
      heard++;
      if (sounding.some((a) => a.pitch % 12 === n.pitch % 12)) tones++;
    }
  return heard > 0 ? tones / heard : NaN;
}
