/** What every gesture shares: the state it starts from, the preview it shows, what it leaves behind. */
import type * as Y from "yjs";
import type { NoteWithId } from "@/lib/doc-schema";
import type { Meter } from "@/lib/time";
import type { Point, Rect, Viewport } from "../geometry";

export type Tool = "draw" | "select" | "erase" | "region";

/** The loop the playback repeats, in ticks (end exclusive); local to each listener. */
export interface LoopRegion {
  startTick: number;
  endTick: number;
}

export interface Modifiers {
  shift: boolean;
  alt: boolean;
  meta: boolean; // Ctrl or Cmd
}

export const NO_MODIFIERS: Modifiers = { shift: false, alt: false, meta: false };

/** Removes notes at once when they are all the person's own, else once they confirm (the page asks). */
export type ConfirmRemoval = (noteIds: ReadonlySet<string>, remove: () => void) => void;

export interface GestureEnv {
  doc: Y.Doc;
  viewport: Viewport;
  meter: Meter;
  notes: readonly NoteWithId[];
  selection: ReadonlySet<string>;
  track: string; // the selected track, where new notes go
  grid: number; // snap, in ticks
  noteLength: number; // length of a clicked note, in ticks (last used)
  /** The selection is the note just drawn: a click on empty space draws the next one instead of only deselecting. */
  selectionDrawn?: boolean;
  readOnly: boolean;
  /** Asks before other people's notes go; without it, they go at once. */
  confirmRemoval?: ConfirmRemoval;
}

/** Bars, 0-based, end exclusive (like the server's Region). */
export interface BarRange {
  startBar: number;
  endBar: number;
}

export type Preview =
  | { kind: "none" }
  | { kind: "add"; note: Omit<NoteWithId, "id" | "velocity"> }
  | { kind: "move"; ids: readonly string[]; dTick: number; dPitch: number }
  | { kind: "resize"; ids: readonly string[]; dDuration: number }
  | { kind: "marquee"; rect: Rect }
  | { kind: "region"; range: BarRange }
  | { kind: "erase"; ids: ReadonlySet<string> }
  | { kind: "velocity"; values: ReadonlyMap<string, number> }
  | { kind: "loop"; loop: LoopRegion };

export interface GestureResult {
  selection?: Set<string>;
  /** The selection is a note the gesture drew. */
  drawn?: boolean;
  noteLength?: number;
  region?: BarRange;
  loop?: LoopRegion;
}

export interface Gesture {
  move(p: Point, mods: Modifiers): void;
  preview(): Preview;
  /** Commits the gesture (at most one command) and says what changed locally. */
  end(p: Point, mods: Modifiers): GestureResult;
}

/** A gesture starts at pointer-down, possibly changing the selection right away. */
export interface GestureStart {
  gesture: Gesture;
  selection?: Set<string>;
}
