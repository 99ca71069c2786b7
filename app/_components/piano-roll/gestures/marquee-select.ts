/**
 * Drag on empty grid with the select tool (or Shift or Alt): selects the notes the rectangle touches, of the selected
 * track as Ctrl+A and the eraser do; with Alt, of every track. Shift adds them to the selection.
 */
import type { NoteWithId } from "@/lib/doc-schema";
import { normalizeRect, type Point } from "../geometry";
import { notesInRect } from "../hit-test";
import type { GestureEnv, GestureStart, Modifiers, Preview } from "./types";

/** The notes a box may take: the selected track's, or with `allTracks` (Alt held) every track's. */
export function boxSelectable(notes: readonly NoteWithId[], track: string, allTracks: boolean): readonly NoteWithId[] {
  return allTracks ? notes : notes.filter((n) => n.track === track);
}

export function startMarqueeSelect(env: GestureEnv, p: Point, mods: Modifiers): GestureStart {
  const base = mods.shift ? new Set(env.selection) : new Set<string>();
  let last = p;
  return {
    selection: base,
    gesture: {
      move(q) {
        last = q;
      },
      preview(): Preview {
        return { kind: "marquee", rect: normalizeRect(p, last) };
      },
      end(q, endMods) {
        const notes = boxSelectable(env.notes, env.track, mods.alt || endMods.alt);
        const picked = notesInRect(env.viewport, notes, normalizeRect(p, q));
        return { selection: new Set([...base, ...picked]) };
      },
    },
  };
}
