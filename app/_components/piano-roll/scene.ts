/** Everything the renderer needs for one frame, as plain data. */
import type { Note, NoteWithId } from "@/lib/doc-schema";
import type { Meter } from "@/lib/time";
import type { Peer } from "@/app/_collab/presence";
import type { Viewport } from "./geometry";
import type { BarRange, LoopRegion, Preview } from "./gestures/types";
import type { RollScale } from "./roll-scale";
import type { RulerMark } from "./ruler-marks";

export interface NoteStyle {
  colour: string;
  hatched: boolean; // model-written notes, told apart by pattern as well as colour
  dim: boolean; // notes of tracks other than the selected one
  label?: string; // a short text drawn on the note (the author's initial), so colour is never the only cue
}

export interface RegionView extends BarRange {
  pitchLo: number;
  pitchHi: number;
}

export interface GhostView {
  notes: readonly Note[];
  label: string; // "Requested by <name>"
  region: RegionView;
  colourOf(note: Note): string;
}

export interface Scene {
  viewport: Viewport;
  meter: Meter;
  grid: number;
  notes: readonly NoteWithId[]; // in draw order, previews applied
  styleOf(note: NoteWithId): NoteStyle;
  selection: ReadonlySet<string>;
  preview: Preview;
  region: RegionView | null; // this user's AI region
  ghost: GhostView | null;
  peers: readonly Peer[]; // other clients only
  playhead: number | null;
  track: string; // the selected track: its notes show in the velocity lane
  drumKeys: boolean; // the keys column names GM drums
  scale: RollScale | null; // the piece's key: its rows tinted (none on a drum track)
  loop: LoopRegion | null;
  keyCursor: { tick: number; pitch: number } | null; // shown while the canvas has focus
  rulerMarks: readonly RulerMark[]; // bar ranges marked on the ruler (open review comments)
  selectedMark: string | null; // the mark whose id this is is outlined
}
