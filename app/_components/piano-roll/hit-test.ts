/** Which note (and which part of it) is under a point; which notes a marquee covers. */
import type { NoteWithId } from "@/lib/doc-schema";
import { noteRect, rectsIntersect, type Point, type Rect, type Viewport } from "./geometry";

export type NotePart = "body" | "end";

export interface NoteHit {
  note: NoteWithId;
  part: NotePart;
}

/** Width of the grab zone at a note's right edge, in CSS px. */
export const EDGE_PX = 6;

/**
 * The topmost note under p (notes later in the list are drawn on top). The right edge of a note
 * resizes it, unless the note is so narrow that the edge would swallow the whole body.
 */
export function hitNote(v: Viewport, notes: readonly NoteWithId[], p: Point): NoteHit | null {
  for (let i = notes.length - 1; i >= 0; i--) {
    const note = notes[i];
    const r = noteRect(v, note);
    if (p.x < r.x || p.x > r.x + r.w || p.y < r.y || p.y >= r.y + r.h) continue;
    const edge = Math.min(EDGE_PX, r.w / 3);
    return { note, part: p.x >= r.x + r.w - edge ? "end" : "body" };
  }
  return null;
}

export function notesInRect(v: Viewport, notes: readonly NoteWithId[], rect: Rect): string[] {
  return notes.filter((n) => rectsIntersect(noteRect(v, n), rect)).map((n) => n.id);
}
