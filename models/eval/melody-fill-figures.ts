/** The figures of a single-track fill (melody-fill.ts): notes written, note-count ratio, distinct candidates. Pure. */
import type { Note } from "../../lib/doc-schema";
import { soundingAt } from "./harmony";
import { chordToneCounts, distinctCount, meanPairwiseDistance, median, noteCountRatio, NOTE_KEY, onsetF1, pitchClassOverlap } from "./metrics";
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

export function fillFigures(regions: readonly FilledRegion[]): FillFigures {
  const all = regions.flatMap((r) => r.candidates.map((c) => ({ r, c })));
  const share = (k: number, n: number) => (n > 0 ? round3(k / n) : NaN);
  const distinct = regions.reduce((s, r) => s + distinctCount(r.candidates), 0);
  return {
    regions: regions.length,
    candidates: all.length,
    candidatesWithNotes: share(all.filter((x) => x.c.length > 0).length, all.length),
    regionsWithNotes: share(regions.filter((r) => r.candidates.every((c) => c.length > 0)).length, regions.length),
    medianNoteRatio: Math.round((median(all.map((x) => noteCountRatio(x.r.truth, x.c)!)) ?? NaN) * 100) / 100,
    distinct: share(distinct, all.length),
    pairwiseDistance: round3(mean(regions.map((r) => meanPairwiseDistance(r.candidates, NOTE_KEY)).filter((d): d is number => d !== null))),
    onsetF1: round3(mean(all.map((x) => onsetF1(x.r.truth, x.c, ONSET_TOLERANCE).f1))),
    pitchClassOverlap: round3(mean(all.map((x) => pitchClassOverlap(x.r.truth, x.c) ?? 0))),
    chordTones: round3(pooledChordTones(all.map((x) => ({ notes: x.c, accompaniment: x.r.accompaniment })))),
    chordTonesOriginal: round3(pooledChordTones(regions.map((r) => ({ notes: r.truth, accompaniment: r.accompaniment })))),
  };
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Over all notes: the share whose pitch class sounds in the accompaniment at the note's onset (notes with none aside). */
function pooledChordTones(sets: { notes: Note[]; accompaniment: Note[] }[]): number {
  const counts = sets.map(({ notes, accompaniment }) => chordToneCounts(notes, soundingAt(accompaniment)));
  const heard = counts.reduce((s, c) => s + c.heard, 0);
  return heard > 0 ? counts.reduce((s, c) => s + c.tones, 0) / heard : NaN;
}
