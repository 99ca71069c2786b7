/** Seeded evaluation regions of a piece: what the user would ask for, what they see, and the original answer. */
import { isDrumTrack, type Note, type NoteWithId, type Track } from "../../lib/doc-schema";
import { ticksPerBar } from "../../lib/time";
import { inRegion, type Region } from "../../lib/region";
import type { Rng } from "../prepare/prng";
import { maxSoundingAt } from "./constraint-check";
import { groupBy } from "../../lib/group-by";
import { regionHarmony, type RegionHarmony } from "./harmony";
import type { EvalPiece } from "./pieces";

/** What a person asks for: one track filled against the others, every track filled, or the piece continued. */
export const TASK_KINDS = ["infill-melody", "infill-bass-harmony", "infill-drums", "infill-multi", "continue"] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** The track a single-track task fills: pop909's MELODY, its BRIDGE or PIANO (or a bass), groove-midi's drums. */
const SINGLE_TRACK: Partial<Record<TaskKind, (t: Track) => boolean>> = {
  "infill-melody": (t) => t.role === "melody" && !isDrumTrack(t),
  "infill-bass-harmony": (t) => (t.role === "counter" || t.role === "chords" || t.role === "bass") && !isDrumTrack(t),
  "infill-drums": isDrumTrack,
};

export interface EvalTask {
  piece: EvalPiece;
  task: TaskKind;
  /** The request's mode. */
  kind: "infill" | "continue";
  region: Region;
  /** The notes the request carries: everything outside the region (for a continuation, everything before it). */
  context: NoteWithId[];
  /** The original notes inside the region. */
  truth: Note[];
  /** The most notes sounding at once on a region track in the original, passed on as the request's maxPolyphony. */
  maxPolyphony: number;
  ticksPerBar: number;
  /** The harmony the region is heard against (chord tones); null when there is none to hear. */
  harmony: RegionHarmony | null;
}

const MIN_TRUTH_NOTES = 2;
const TRIES = 30;
const modeOf = (task: TaskKind): EvalTask["kind"] => (task === "continue" ? "continue" : "infill");

/** The task for one region; null when the region holds fewer than two original notes. */
export function makeTask(piece: EvalPiece, kind: EvalTask["kind"], region: Region, task: TaskKind = kind === "continue" ? "continue" : "infill-multi"): EvalTask | null {
  const tpb = ticksPerBar(piece.meta);
  const end = region.endBar * tpb;
  const truth = piece.notes.filter((n) => inRegion(n, region, piece.meta));
  if (truth.length < MIN_TRUTH_NOTES) return null;
  const context = piece.notes.filter((n) => !inRegion(n, region, piece.meta) && (kind === "infill" || n.start < region.startBar * tpb));
  let poly = 1;
  for (const [track, list] of groupBy(truth, (n) => n.track)) {
    const staying = context.filter((n) => n.track === track && n.start < end && n.start + n.duration > region.startBar * tpb);
    poly = Math.max(poly, maxSoundingAt([...staying, ...list], list));
  }
  return {
    piece,
    task,
    kind,
    region,
    context,
    truth: truth.map(({ id: _id, ...n }) => n),
    maxPolyphony: Math.min(32, poly),
    ticksPerBar: tpb,
    harmony: regionHarmony(piece, region, context, tpb),
  };
}

/** The tracks a task may ask for in this piece (one of them is drawn for a single-track task); [] when none fits. */
function trackChoices(piece: EvalPiece, task: TaskKind): string[][] {
  const playing = piece.tracks.filter((t) => piece.notes.some((n) => n.track === t.id));
  const fills = SINGLE_TRACK[task];
  if (fills) return playing.filter(fills).map((t) => [t.id]);
  if (task === "infill-multi") return playing.length >= 2 ? [playing.map((t) => t.id)] : []; // one track is a single-track task
  return [playing.map((t) => t.id)];
}

/** An infill region of 2-4 bars on the chosen tracks, its pitch range the original notes' widened by 0-4 semitones. */
function drawInfill(piece: EvalPiece, task: TaskKind, choices: string[][], rng: Rng): EvalTask | null {
  const tpb = ticksPerBar(piece.meta);
  const len = rng.int(2, 4);
  const startBar = rng.int(1, piece.bars - len - 1);
  const endBar = startBar + len;
  const trackIds = rng.pick(choices);
  const pitches = piece.notes.filter((n) => trackIds.includes(n.track) && n.start >= startBar * tpb && n.start < endBar * tpb).map((n) => n.pitch);
  if (pitches.length === 0) return null;
  const pitchLo = Math.max(0, Math.min(...pitches) - rng.int(0, 4));
  const pitchHi = Math.min(127, Math.max(...pitches) + rng.int(0, 4));
  return makeTask(piece, "infill", { startBar, endBar, pitchLo, pitchHi, trackIds }, task);
}

/** A continuation of 2-4 bars over every track and every pitch, after at least 4 bars of context. */
function drawContinuation(piece: EvalPiece, trackIds: string[], rng: Rng): EvalTask | null {
  const len = rng.int(2, 4);
  const startBar = rng.int(4, piece.bars - len);
  const t = makeTask(piece, "continue", { startBar, endBar: startBar + len, pitchLo: 0, pitchHi: 127, trackIds }, "continue");
  return t && t.context.length > 0 ? t : null;
}

/**
 * One region per task the piece allows, in TASK_KINDS order, drawn from one seeded stream: a melody, a bass or
 * harmony track (whichever the piece has), or the drums filled with every other track as context; every track
 * filled; and a continuation. A region is redrawn until it holds at least two original notes.
 */
export function pickTasks(piece: EvalPiece, rng: Rng): EvalTask[] {
  const out: EvalTask[] = [];
  if (piece.bars < 6) return out;
  for (const task of TASK_KINDS) {
    const choices = trackChoices(piece, task);
    if (choices.length === 0) continue;
    for (let i = 0; i < TRIES; i++) {
      const t = modeOf(task) === "continue" ? drawContinuation(piece, choices[0], rng) : drawInfill(piece, task, choices, rng);
      if (t) {
        out.push(t);
        break;
      }
    }
  }
  return out;
}
