/** Audition: the piece as it would sound with a candidate's notes in place of the region. */
import type { Note } from "@/lib/doc-schema";
import { ticksPerBar, type Meter } from "@/lib/time";
import type { Region } from "@/server/services";

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

export function substituteRegion(notes: readonly Note[], region: Region, candidate: readonly Note[], meter: Meter): Note[] {
  return [...notes.filter((n) => !inRegion(n, region, meter)), ...candidate];
}
