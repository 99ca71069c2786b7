/** Which note the history panel shows when nothing is selected: the one under the pointer. */
import type { NoteWithId } from "@/lib/doc-schema";

/** The note at the pointer (pitch row, and a tick inside the note); the shortest wins where notes overlap. */
export function noteUnder(notes: readonly NoteWithId[], cursor: { tick: number; pitch: number } | null | undefined): string | null {
  if (!cursor) return null;
  let best: NoteWithId | null = null;
  for (const n of notes) {
    if (n.pitch !== cursor.pitch || cursor.tick < n.start || cursor.tick >= n.start + n.duration) continue;
    if (!best || n.duration < best.duration) best = n;
  }
  return best?.id ?? null;
}
