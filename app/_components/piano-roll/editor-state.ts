/**
 * What the editor store holds for one open piece (editor-store.ts has its actions): what this person
 * picked and sees. None of it enters the Y.Doc.
 */
import { DEFAULT_TRANSPORT, type TransportSettings } from "@/app/_playback/transport-settings";
import type { Clip } from "./clipboard";
import { PIANO_KEYS_WIDTH } from "./drum-names";
import type { KeyCursor } from "./edit-actions";
import { DEFAULT_VIEWPORT, EIGHTH, type Viewport } from "./geometry";
import type { BarRange, Tool } from "./gestures/types";
import { DEFAULT_GRID_ID } from "./snap";

export interface EditorState {
  tool: Tool; // as picked: a read-only editor selects where it would draw (toolFor)
  track: string | null; // as picked: trackFor falls back to the piece's first track
  gridId: string; // the snap (GRID_OPTIONS)
  colourByAuthor: boolean;
  selection: ReadonlySet<string>; // the selected notes' ids: the selection's one home
  selectionDrawn: boolean; // the selection is the note just drawn (a click on empty space draws the next one)
  currentBar: number; // 0-based: where "Play from bar" starts, and a new comment's bar
  pointer: GridCell | null; // the pointer over the notes, to the cell (shared as the presence cursor)
  viewport: Viewport; // always inside the document's range (clampViewport)
  follow: boolean; // the view turns the page with the playhead
  showVelocity: boolean; // the velocity lane under the notes
  region: AiRegion;
  transport: TransportSettings; // metronome, count-in and the loop, in whole bars: the roll's loop is the same one
  commentId: string | null; // the comment picked in the panel or on the ruler
  keyCursor: KeyCursor; // where Enter adds a note and arrows move to, with nothing selected
  said: string | null; // what the roll's live line says of the keyboard cursor, until the selection changes
  noteLength: number; // ticks: a clicked or Entered note is as long as the last one drawn or resized
  clip: Clip | null; // what Copy or Cut took
  shortcutsOpen: boolean; // the shortcuts sheet
}

export interface GridCell {
  tick: number; // a multiple of POINTER_CELL
  pitch: number;
}

/** The region the AI works on: local to this person (shared only as a presence hint), never in the doc. */
export interface AiRegion {
  range: BarRange | null; // 0-based, end exclusive
  pitchLo: number;
  pitchHi: number;
  trackIds: readonly string[] | null; // null: every track
}

export const EMPTY_REGION: AiRegion = { range: null, pitchLo: 0, pitchHi: 127, trackIds: null };

/** Awareness sends every change at once: the pointer is kept (and shared) to 60 ticks, a 1/32 note. */
export const POINTER_CELL = 60;

/** Height of the velocity lane, when it shows. */
export const LANE_HEIGHT = 72;

/**
 * How the roll opens: about eight 4/4 bars across a 1440 px window (a bar is 134 px) and the rows from C7 down, so
 * that the whole height under the one toolbar row shows melody, chords and bass (DEFAULT_VIEWPORT is the geometry
 * tests' plain view).
 */
export const OPENING_VIEW = { pxPerTick: 0.07, topPitch: 96 } as const;

/** Nothing selected yet: the roll says nothing of the selection until someone first changes it. */
export const NOTHING_SELECTED: ReadonlySet<string> = new Set();

export const INITIAL_EDITOR_STATE: EditorState = {
  tool: "draw",
  track: null,
  gridId: DEFAULT_GRID_ID,
  colourByAuthor: false,
  selection: NOTHING_SELECTED,
  selectionDrawn: false,
  currentBar: 0,
  pointer: null,
  viewport: { ...DEFAULT_VIEWPORT, ...OPENING_VIEW, keysWidth: PIANO_KEYS_WIDTH, laneHeight: LANE_HEIGHT },
  follow: true,
  showVelocity: true,
  region: EMPTY_REGION,
  transport: DEFAULT_TRANSPORT,
  commentId: null,
  keyCursor: { tick: 0, pitch: 60 },
  said: null,
  noteLength: EIGHTH,
  clip: null,
  shortcutsOpen: false,
};

/** The tool in effect: viewers and reviewers cannot draw, so their pointer selects instead. */
export const toolFor = (tool: Tool, readOnly: boolean): Tool => (readOnly && tool === "draw" ? "select" : tool);

/** The track in effect: the one picked while the piece has it, else the piece's first (new notes go there). */
export function trackFor(picked: string | null, trackIds: Iterable<string>): string {
  let first: string | null = null;
  for (const id of trackIds) {
    if (id === picked) return id;
    first ??= id;
  }
  return first ?? "melody";
}
