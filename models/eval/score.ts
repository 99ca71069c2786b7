/** One candidate (model or baseline) against the original region: every sampling metric at once. */
import type { Note } from "../../lib/doc-schema";
import { checkConstraints, type ConstraintCheck } from "./constraint-check";
import { estimateKey } from "../../lib/key";
import { chordToneShare, densityError, grooveSimilarity, inScaleShare, noteCountRatio, onsetF1, pitchClassOverlap } from "./metrics";
import type { EvalTask } from "./tasks";

/** Onsets match within a sixteenth; groove patterns are on sixteenths. */
export const ONSET_TOLERANCE = 120;
const STEP = 120;

export interface CandidateScore {
  notes: number;
  noteRatio: number | null; // notes / the original's notes
  precision: number;
  recall: number;
  f1: number;
  pitchClassOverlap: number | null; // pitched tracks only; null when the original has no pitched notes
  inKey: number | null; // share of generated pitched notes in the context's estimated key
  densityError: number; // notes a bar
  groove: number;
  chordTones: number | null; // share of pitched notes in the region's harmony at their onset; null with none heard
  constraints: ConstraintCheck;
  latencyMs: number;
  firstNoteMs: number | null;
}

/** The notes of `notes` on the piece's pitched tracks (drum hits have no harmony or key). */
export function pitched(task: EvalTask, notes: Note[]): Note[] {
  const drums = new Set(task.piece.tracks.filter((t) => t.role === "drums").map((t) => t.id));
  return notes.filter((n) => !drums.has(n.track));
}

export function scoreCandidate(task: EvalTask, candidate: Note[], latencyMs: number, firstNoteMs: number | null): CandidateScore {
  const pitchedOf = (notes: Note[]) => pitched(task, notes);
  const bars = task.region.endBar - task.region.startBar;
  const f = onsetF1(task.truth, candidate, ONSET_TOLERANCE);
  const key = estimateKey(pitchedOf(task.context));
  return {
    notes: candidate.length,
    noteRatio: noteCountRatio(task.truth, candidate),
    precision: f.precision,
    recall: f.recall,
    f1: f.f1,
    pitchClassOverlap: pitchedOf(task.truth).length > 0 ? pitchClassOverlap(pitchedOf(task.truth), pitchedOf(candidate)) : null,
    inKey: pitchedOf(task.context).length > 0 ? inScaleShare(pitchedOf(candidate), key.scale) : null,
    densityError: densityError(task.truth, candidate, bars),
    groove: grooveSimilarity(task.truth, candidate, {
      startTick: task.region.startBar * task.ticksPerBar,
      bars,
      ticksPerBar: task.ticksPerBar,
      ticksPerStep: STEP,
    }),
    chordTones: task.harmony && chordToneShare(pitchedOf(candidate), task.harmony.at),
    constraints: checkConstraints(candidate, task.region, task.ticksPerBar, task.context, task.maxPolyphony),
    latencyMs,
    firstNoteMs,
  };
}
