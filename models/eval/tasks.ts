/** Seeded evaluation regions of a piece: what the user would ask for, what they see, and the original answer. */
import type { Note, NoteWithId } from "../../lib/doc-schema";
import { ticksPerBar } from "../../lib/time";
import type { Region } from "../../lib/region";
import type { Rng } from "../prepare/prng";
import { maxSoundingAt } from "./constraint-check";
import { groupBy } from "./group-by";
import type { EvalPiece } from "./pieces";

export interface EvalTask {
  piece: EvalPiece;
  kind: "infill" | "continue";
  region: Region;
  /** The notes the request carries: everything outside the region (for a continuation, everything before it). */
  context: NoteWithId[];
  /** The original notes inside the region. */
  truth: Note[];
  /** The most notes sounding at once on a region track in the original, passed on as the request's maxPolyphony. */
  maxPolyphony: number;
  ticksPerBar: number;
}

const MIN_TRUTH_NOTES = 2;
const TRIES = 30;

const inRegion = (n: Note, r: Region, tpb: number) =>
  r.trackIds.includes(n.track) && n.pitch >= r.pitchLo && n.pitch <= r.pitchHi && n.start >= r.startBar * tpb && n.start < r.endBar * tpb;

/** The task for one region; null when the region holds fewer than two original notes. */
export function makeTask(piece: EvalPiece, kind: EvalTask["kind"], region: Region): EvalTask | null {
  const tpb = ticksPerBar(piece.meta);
  const end = region.endBar * tpb;
  const truth = piece.notes.filter((n) => inRegion(n, region, tpb));
  if (truth.length < MIN_TRUTH_NOTES) return null;
  const context = piece.notes.filter((n) => !inRegion(n, region, tpb) && (kind === "infill" || n.start < region.startBar * tpb));
  let poly = 1;
  for (const [track, list] of groupBy(truth, (n) => n.track)) {
    const staying = context.filter((n) => n.track === track && n.start < end && n.start + n.duration > region.startBar * tpb);
    poly = Math.max(poly, maxSoundingAt([...staying, ...list], list));
  }
  return { piece, kind, region, context, truth: truth.map(({ id: _id, ...n }) => n), maxPolyphony: Math.min(32, poly), ticksPerBar: tpb };
}

/**
 * An infill of 2-4 bars over one track (half the time) or all of them, its pitch range the original notes' range
 * widened by 0-4 semitones a side; and a continuation of 2-4 bars over every track and every pitch, after at least
 * 4 bars of context. A region is redrawn until it holds at least two original notes.
 */
export function pickTasks(piece: EvalPiece, rng: Rng): EvalTask[] {
  const tpb = ticksPerBar(piece.meta);
  const allTracks = piece.tracks.filter((t) => piece.notes.some((n) => n.track === t.id)).map((t) => t.id);
  const out: EvalTask[] = [];
  for (let i = 0; i < TRIES && piece.bars >= 6; i++) {
    const len = rng.int(2, 4);
    const startBar = rng.int(1, piece.bars - len - 1);
    const endBar = startBar + len;
    const trackIds = rng.next() < 0.5 ? [rng.pick(allTracks)] : allTracks;
    const pitches = piece.notes
      .filter((n) => trackIds.includes(n.track) && n.start >= startBar * tpb && n.start < endBar * tpb)
      .map((n) => n.pitch);
    if (pitches.length === 0) continue;
    const pitchLo = Math.max(0, Math.min(...pitches) - rng.int(0, 4));
    const pitchHi = Math.min(127, Math.max(...pitches) + rng.int(0, 4));
    const t = makeTask(piece, "infill", { startBar, endBar, pitchLo, pitchHi, trackIds });
    if (t) {
      out.push(t);
      break;
    }
  }
  for (let i = 0; i < TRIES && piece.bars >= 6; i++) {
    const len = rng.int(2, 4);
    const startBar = rng.int(4, piece.bars - len);
    const t = makeTask(piece, "continue", { startBar, endBar: startBar + len, pitchLo: 0, pitchHi: 127, trackIds: allTracks });
    if (t && t.context.length > 0) {
      out.push(t);
      break;
    }
  }
  return out;
}
