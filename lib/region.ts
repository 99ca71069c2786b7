/** A region of a piece: bars x pitches x tracks — what the model fills and what its candidate replaces. */
import type { Note } from "./doc-schema";
import { ticksPerBar, type Meter } from "./time";

export interface Region {
  startBar: number; // first bar in the region (0-based)
  endBar: number; // first bar after the region (exclusive)
  pitchLo: number;
  pitchHi: number;
  trackIds: string[]; // document track ids
}

/** A note belongs to the region when it starts in its bars, on one of its tracks, inside its pitch range. */
export function inRegion(n: Note, region: Region, meter: Meter): boolean {
  const tpb = ticksPerBar(meter);
  return (
    n.start >= region.startBar * tpb &&
    n.start < region.endBar * tpb &&
    n.pitch >= region.pitchLo &&
    n.pitch <= region.pitchHi &&
    region.trackIds.includes(n.track)
  );
}

/** The piece with a candidate in place of the region's notes (what Accept writes and Audition plays). */
export function substituteRegion<N extends Note>(notes: readonly N[], region: Region, candidate: readonly N[], meter: Meter): N[] {
  return [...notes.filter((n) => !inRegion(n, region, meter)), ...candidate];
}
