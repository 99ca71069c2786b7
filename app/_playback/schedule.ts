/** Pure scheduling: notes in ticks -> sound events in seconds from the play position. */
import type { Note, Track, TrackRole } from "@/lib/doc-schema";
import { secondsPerTick } from "@/lib/time";

export interface PlayEvent {
  time: number; // seconds after the play position
  duration: number; // seconds
  pitch: number;
  velocity: number; // 0..1
  role: TrackRole;
}

export function scheduleNotes(
  notes: readonly Note[],
  tracks: ReadonlyMap<string, Pick<Track, "role">>,
  bpm: number,
  fromTick: number,
): PlayEvent[] {
  const spt = secondsPerTick(bpm);
  return notes
    .filter((n) => n.start >= fromTick)
    .map((n) => ({
      time: (n.start - fromTick) * spt,
      duration: n.duration * spt,
      pitch: n.pitch,
      velocity: n.velocity / 127,
      role: tracks.get(n.track)?.role ?? "melody",
    }))
    .sort((a, b) => a.time - b.time);
}

export const lastTick = (notes: readonly Note[]): number => notes.reduce((m, n) => Math.max(m, n.start + n.duration), 0);

/** The playhead's tick after `seconds` of playback from `fromTick`. */
export const tickAfter = (fromTick: number, seconds: number, bpm: number): number => fromTick + seconds / secondsPerTick(bpm);
