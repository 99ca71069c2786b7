/**
 * Culling for long pieces: notes sorted by start, so the notes overlapping a time window are found
 * by binary search instead of a scan of the whole piece on every frame.
 */
import type { NoteWithId } from "@/lib/doc-schema";

export interface NoteIndex {
  byStart: readonly NoteWithId[];
  maxDuration: number;
}

export function buildIndex(notes: readonly NoteWithId[]): NoteIndex {
  const byStart = [...notes].sort((a, b) => a.start - b.start);
  let maxDuration = 0;
  for (const n of notes) if (n.duration > maxDuration) maxDuration = n.duration;
  return { byStart, maxDuration };
}

/** The notes sounding anywhere in [from, to): start < to and start + duration > from. */
export function notesInWindow(index: NoteIndex, from: number, to: number): NoteWithId[] {
  const { byStart } = index;
  // No note starting before from - maxDuration can reach the window.
  let lo = 0;
  let hi = byStart.length;
  const earliest = from - index.maxDuration;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (byStart[mid].start < earliest) lo = mid + 1;
    else hi = mid;
  }
  const out: NoteWithId[] = [];
  for (let i = lo; i < byStart.length && byStart[i].start < to; i++) {
    const n = byStart[i];
    if (n.start + n.duration > from) out.push(n);
  }
  return out;
}
