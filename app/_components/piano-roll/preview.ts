/** The notes as a gesture in progress would leave them (drawn while dragging, before the commit). */
import type { NoteWithId } from "@/lib/doc-schema";
import { resizedDuration } from "./commands";
import type { Preview } from "./gestures/types";

export const PENDING_NOTE_ID = "pending";

export function applyPreview(notes: readonly NoteWithId[], preview: Preview, grid: number): NoteWithId[] {
  switch (preview.kind) {
    case "move": {
      const ids = new Set(preview.ids);
      return notes.map((n) => (ids.has(n.id) ? { ...n, start: n.start + preview.dTick, pitch: n.pitch + preview.dPitch } : n));
    }
    case "resize": {
      const ids = new Set(preview.ids);
      return notes.map((n) => (ids.has(n.id) ? { ...n, duration: resizedDuration(n.duration, preview.dDuration, grid) } : n));
    }
    case "add":
      return [...notes, { ...preview.note, id: PENDING_NOTE_ID, velocity: 96 }];
    case "erase":
      return notes.filter((n) => !preview.ids.has(n.id));
    case "velocity": {
      const values = preview.values;
      return notes.map((n) => (values.has(n.id) ? { ...n, velocity: values.get(n.id)! } : n));
    }
    default:
      return [...notes];
  }
}

/** Draw order: other tracks first, the selected track on top (it is also what hit-testing finds first). */
export function orderForTrack(notes: readonly NoteWithId[], track: string): NoteWithId[] {
  return [...notes.filter((n) => n.track !== track), ...notes.filter((n) => n.track === track)];
}
