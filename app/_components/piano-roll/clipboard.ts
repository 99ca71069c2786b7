/**
 * Copy and paste of notes as plain data: a clip keeps notes relative to its first note's bar-aligned
 * start, so pasting at the playhead or at a bar keeps the rhythm's place in the bar.
 */
import type { Note, NoteWithId } from "@/lib/doc-schema";

export interface Clip {
  notes: readonly Omit<Note, "track">[]; // start relative to the clip's origin
  tracks: readonly string[]; // each note's source track, same order
  span: number; // ticks from the origin to the end of the last note
}

/** The selected notes as a clip; origin is the first note's start snapped down to `align`. */
export function copyClip(notes: readonly NoteWithId[], ids: ReadonlySet<string>, align: number): Clip | null {
  const picked = notes.filter((n) => ids.has(n.id)).sort((a, b) => a.start - b.start || a.pitch - b.pitch);
  if (picked.length === 0) return null;
  const origin = Math.floor(picked[0].start / align) * align;
  return {
    notes: picked.map((n) => ({ pitch: n.pitch, start: n.start - origin, duration: n.duration, velocity: n.velocity })),
    tracks: picked.map((n) => n.track),
    span: Math.max(...picked.map((n) => n.start + n.duration)) - origin,
  };
}

/**
 * The clip's notes placed at `at`. With `track`, everything goes onto that track (pasting into the
 * selected track); without it, each note returns to its own track when that still exists.
 */
export function pasteClip(clip: Clip, at: number, track: string, keepTracks: ReadonlySet<string> | null = null): Note[] {
  return clip.notes.map((n, i) => ({
    ...n,
    start: at + n.start,
    track: keepTracks?.has(clip.tracks[i]) ? clip.tracks[i] : track,
  }));
}

/** Where a duplicate goes: right after the selection, rounded up to the next grid line. */
export function duplicateAt(clipStartAbs: number, clip: Clip, grid: number): number {
  return clipStartAbs + Math.ceil(clip.span / grid) * grid;
}
