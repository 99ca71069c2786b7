/** One candidate (model or baseline) against the original region: every sampling metric at once. */
import type { Note } from "../../lib/doc-schema";
import { checkConstraints, type ConstraintCheck } from "./constraint-check";
import { estimateKey } from "../../lib/key";
import { densityError, grooveSimilarity, inScaleShare, onsetF1, pitchClassOverlap } from "./metrics";
import type { EvalTask } from "./tasks";

/** Onsets match within a sixteenth; groove patterns are on sixteenths. */
export const ONSET_TOLERANCE = 120;
const STEP = 120;

export interface CandidateScore {
  notes: number;
  precision: number;
  recall: number;
  f1: number;
  pitchClassOverlap: number | null; // pitched tracks only; null when the original has no pitched notes
  inKey: number | null; // share of generated pitched notes in the context's estimated key
  densityError: number; // notes a bar
  groove: number;
  constraints: ConstraintCheck;
  latencyMs: number;
  firstNoteMs: number | null;
}

export function scoreCandidate(task: EvalTask, candidate: Note[], latencyMs: number, firstNoteMs: number | null): CandidateScore {
  const drums = new Set(task.piece.tracks.filter((t) => t.role === "drums").map((t) => t.id));
  const pitched = (notes: Note[]) => notes.filter((n) => !drums.has(n.track));
  const bars = task.region.endBar - task.region.startBar;
  const f = onsetF1(task.truth, candidate, ONSET_TOLERANCE);
  const key = estimateKey(pitched(task.context));
  return {
    notes: candidate.length,
    precision: f.precision,
    recall: f.recall,
    f1: f.f1,
    pitchClassOverlap: pitched(task.truth).length > 0 ? pitchClassOverlap(pitched(task.truth), pitched(candidate)) : null,
    inKey: pitched(task.context).length > 0 ? inScaleShare(pitched(candidate), key.scale) : null,
    densityError: densityError(task.truth, candidate, bars),
    groove: grooveSimilarity(task.truth, candidate, {
      startTick: task.region.startBar * task.ticksPerBar,
      bars,
      ticksPerBar: task.ticksPerBar,
      ticksPerStep: STEP,
    }),
    constraints: checkConstraints(candidate, task.region, task.ticksPerBar, task.context, task.maxPolyphony),
    latencyMs,
    firstNoteMs,
  };
}
