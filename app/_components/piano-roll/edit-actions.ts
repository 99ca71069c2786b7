/** Carries out the editing key actions through named commands; pure of the DOM, tested in Node. */
import type * as Y from "yjs";
import type { NoteWithId } from "@/lib/doc-schema";
import { ticksPerBar, type Meter } from "@/lib/time";
import { copyClip, duplicateAt, pasteClip, type Clip } from "./clipboard";
import { addNote, addNotes, deleteNotes, moveNotes, setVelocity, updateNotes } from "./commands";
import { clampPitch } from "./geometry";
import type { PersonalHistory } from "./history";
import type { KeyAction } from "./keyboard";
import { quantized } from "./quantize";
import { fitLength, snapFloor, stepTicks } from "./snap";

export interface KeyCursor {
  tick: number;
  pitch: number;
}

export interface EditTarget {
  doc: Y.Doc;
  history: PersonalHistory | null;
  readOnly: boolean;
  notes: readonly NoteWithId[]; // every track's
  track: string; // the selected track
  trackIds: ReadonlySet<string>;
  grid: number;
  noteLength: number;
  meter: Meter;
  selection: ReadonlySet<string>;
  cursor: KeyCursor;
  pasteAt: number; // a bar line: the playhead's bar, else the keyboard cursor's (roll-keys.ts pastePoint)
  clip: Clip | null;
}

export interface EditOutcome {
  selection?: Set<string>;
  cursor?: KeyCursor;
  clip?: Clip;
}

const EDITS = new Set(["delete", "cut", "paste", "duplicate", "quantize", "velocity", "add-at-cursor", "undo", "redo"]);

/** What an edit action did to local state, or null when the action is not an edit (view, transport...). */
export function runEdit(action: KeyAction, t: EditTarget): EditOutcome | null {
  if (t.readOnly && EDITS.has(action.kind)) return {};
  const selected = () => t.notes.filter((n) => t.selection.has(n.id));
  switch (action.kind) {
    case "delete":
      deleteNotes(t.doc, t.selection);
      return { selection: new Set() };
    case "clear-selection":
      return { selection: new Set() };
    case "select-all":
      return { selection: new Set(t.notes.filter((n) => n.track === t.track).map((n) => n.id)) };
    case "undo":
      t.history?.undo();
      return {};
    case "redo":
      t.history?.redo();
      return {};
    case "copy": {
      const clip = copyClip(t.notes, t.selection, ticksPerBar(t.meter));
      return clip ? { clip } : {};
    }
    case "cut": {
      const clip = copyClip(t.notes, t.selection, ticksPerBar(t.meter));
      if (!clip) return {};
      deleteNotes(t.doc, t.selection);
      return { clip, selection: new Set() };
    }
    case "paste": {
      if (!t.clip) return {};
      const multiTrack = new Set(t.clip.tracks).size > 1;
      return { selection: new Set(addNotes(t.doc, pasteClip(t.clip, t.pasteAt, t.track, multiTrack ? t.trackIds : null))) };
    }
    case "duplicate": {
      const picked = selected();
      const clip = copyClip(t.notes, t.selection, 1);
      if (!clip) return {};
      const start = Math.min(...picked.map((n) => n.start));
      const at = duplicateAt(start, clip, stepTicks(t.grid));
      return { selection: new Set(addNotes(t.doc, pasteClip(clip, at, t.track, t.trackIds))) };
    }
    case "quantize": {
      const targets = t.selection.size > 0 ? selected() : t.notes.filter((n) => n.track === t.track);
      updateNotes(t.doc, quantized(targets, t.grid), "quantizeNotes");
      return {};
    }
    case "velocity":
      setVelocity(t.doc, new Map(selected().map((n) => [n.id, n.velocity + action.by])));
      return {};
    case "add-at-cursor": {
      const id = addNote(t.doc, { track: t.track, pitch: t.cursor.pitch, start: t.cursor.tick, duration: fitLength(t.noteLength, t.grid) });
      return { selection: new Set([id]) };
    }
    case "move": {
      const dTick = action.grid * stepTicks(t.grid) + action.bars * ticksPerBar(t.meter);
      if (t.selection.size === 0) return { cursor: moveCursor(t.cursor, dTick, action.pitch, t.grid) };
      if (!t.readOnly) moveNotes(t.doc, t.selection, dTick, action.pitch);
      return {};
    }
    default:
      return null;
  }
}

export function moveCursor(c: KeyCursor, dTick: number, dPitch: number, grid: number): KeyCursor {
  return { tick: Math.max(0, snapFloor(c.tick + dTick, stepTicks(grid))), pitch: clampPitch(c.pitch + dPitch) };
}
