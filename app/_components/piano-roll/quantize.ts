/** Quantize: notes' starts to the nearest grid line, their ends too (never shorter than a step). */
import type { Note, NoteWithId } from "@/lib/doc-schema";
import { snapDuration, snapNearest } from "./snap";

/**
 * The quantized form of each note that changes (unchanged ones are left out). `strength` in 0..1
 * moves notes that fraction of the way to the grid, as DAWs do for a looser feel.
 */
export function quantized(notes: readonly NoteWithId[], grid: number, strength = 1): Map<string, Note> {
  const out = new Map<string, Note>();
  if (grid <= 1) return out;
  const s = Math.min(1, Math.max(0, strength));
  for (const { id, ...n } of notes) {
    const start = Math.max(0, Math.round(n.start + (snapNearest(n.start, grid) - n.start) * s));
    const target = snapDuration(start, n.start + n.duration - start, grid);
    const duration = Math.max(1, Math.round(n.duration + (target - n.duration) * s));
    if (start !== n.start || duration !== n.duration) out.set(id, { ...n, start, duration });
  }
  return out;
}
