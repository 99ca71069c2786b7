/** Did a candidate keep to the region the user asked for? (pitch range, tracks, bars, polyphony) */
import type { Region } from "../../lib/region";
import { groupBy } from "../../lib/group-by";
import type { EvalNote } from "./metrics";

export interface ConstraintCheck {
  pitchRange: boolean;
  tracks: boolean;
  span: boolean; // every note starts in the region and ends by its end
  polyphony: boolean; // per track, candidate and staying notes together never exceed maxPolyphony
  all: boolean;
}

/** The most notes of `notes` sounding at once at any onset of `at`. */
export function maxSoundingAt(notes: EvalNote[], at: EvalNote[]): number {
  let most = 0;
  for (const a of at) {
    let c = 0;
    for (const n of notes) if (n.start <= a.start && a.start < n.start + n.duration) c++;
    most = Math.max(most, c);
  }
  return most;
}

/** The most notes sounding at once on any one track. */
export function maxPolyphony(notes: EvalNote[]): number {
  const byTrack = groupBy(notes, (n) => n.track);
  let most = 0;
  for (const list of byTrack.values()) most = Math.max(most, maxSoundingAt(list, list));
  return most;
}

/** `context` holds the notes that stay in the piece (those of the region's tracks count against the polyphony). */
export function checkConstraints(
  candidate: EvalNote[],
  region: Region,
  ticksPerBar: number,
  context: EvalNote[],
  maxPoly?: number,
): ConstraintCheck {
  const start = region.startBar * ticksPerBar;
  const end = region.endBar * ticksPerBar;
  const pitchRange = candidate.every((n) => n.pitch >= region.pitchLo && n.pitch <= region.pitchHi);
  const tracks = candidate.every((n) => region.trackIds.includes(n.track));
  const span = candidate.every((n) => n.start >= start && n.start + n.duration <= end);
  let polyphony = true;
  if (maxPoly !== undefined)
    for (const [track, list] of groupBy(candidate, (n) => n.track)) {
      const staying = context.filter((n) => n.track === track && n.start < end && n.start + n.duration > start);
      if (maxSoundingAt([...staying, ...list], list) > maxPoly) polyphony = false;
    }
  return { pitchRange, tracks, span, polyphony, all: pitchRange && tracks && span && polyphony };
}
