/** Keyboard shortcuts of the focused piano roll: keys to actions, and actions to commands. */
import type * as Y from "yjs";
import type { NoteWithId } from "@/lib/doc-schema";
import { deleteNotes, moveNotes } from "./commands";

export type KeyAction =
  | { kind: "delete" }
  | { kind: "clear-selection" }
  | { kind: "select-all" }
  | { kind: "undo" }
  | { kind: "redo" }
  | { kind: "move"; grid: number; pitch: number } // grid steps and semitones
  | { kind: "view"; bars: number; pitch: number; zoom: number }; // scroll and zoom, local only

export interface KeyInput {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

export function keyAction(e: KeyInput): KeyAction | null {
  const mod = e.ctrlKey || e.metaKey;
  const k = e.key.toLowerCase();
  if (e.key === "Delete" || e.key === "Backspace") return { kind: "delete" };
  if (e.key === "Escape") return { kind: "clear-selection" };
  if (mod && k === "a") return { kind: "select-all" };
  if (mod && k === "z") return e.shiftKey ? { kind: "redo" } : { kind: "undo" };
  if (mod && k === "y") return { kind: "redo" };
  if (mod || e.altKey) return null;
  if (e.key === "PageUp") return { kind: "view", bars: 0, pitch: 12, zoom: 1 };
  if (e.key === "PageDown") return { kind: "view", bars: 0, pitch: -12, zoom: 1 };
  if (e.key === "[") return { kind: "view", bars: -1, pitch: 0, zoom: 1 };
  if (e.key === "]") return { kind: "view", bars: 1, pitch: 0, zoom: 1 };
  if (e.key === "=" || e.key === "+") return { kind: "view", bars: 0, pitch: 0, zoom: 1.25 };
  if (e.key === "-") return { kind: "view", bars: 0, pitch: 0, zoom: 0.8 };
  if (e.key === "ArrowUp") return { kind: "move", grid: 0, pitch: e.shiftKey ? 12 : 1 };
  if (e.key === "ArrowDown") return { kind: "move", grid: 0, pitch: e.shiftKey ? -12 : -1 };
  if (e.key === "ArrowRight") return { kind: "move", grid: e.shiftKey ? 4 : 1, pitch: 0 };
  if (e.key === "ArrowLeft") return { kind: "move", grid: e.shiftKey ? -4 : -1, pitch: 0 };
  return null;
}

export interface KeyTarget {
  doc: Y.Doc;
  undo: Y.UndoManager | null;
  readOnly: boolean;
  notes: readonly NoteWithId[];
  track: string;
  grid: number;
  selection: ReadonlySet<string>;
}

/** Carries out a key action; returns the new selection when it changes. */
export function runKeyAction(action: KeyAction, t: KeyTarget): Set<string> | null {
  switch (action.kind) {
    case "delete":
      if (t.readOnly || t.selection.size === 0) return null;
      deleteNotes(t.doc, t.selection);
      return new Set();
    case "clear-selection":
      return new Set();
    case "select-all":
      return new Set(t.notes.filter((n) => n.track === t.track).map((n) => n.id));
    case "undo":
      if (!t.readOnly) t.undo?.undo();
      return null;
    case "redo":
      if (!t.readOnly) t.undo?.redo();
      return null;
    case "move":
      if (!t.readOnly) moveNotes(t.doc, t.selection, action.grid * t.grid, action.pitch);
      return null;
    case "view":
      return null;
  }
}
