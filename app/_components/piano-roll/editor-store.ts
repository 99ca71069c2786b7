/**
 * The editor's own state for one open piece, as Signal keeps it in its stores (editor-state.ts says
 * what it holds). This person's presence is published from it, never read back. Workspace creates one
 * store per piece; components read slices of it (use-editor.ts) and change it only through these actions.
 */
import type { TransportSettings } from "@/app/_playback/transport-settings";
import type { Clip } from "./clipboard";
import type { KeyCursor } from "./edit-actions";
import { INITIAL_EDITOR_STATE, LANE_HEIGHT, POINTER_CELL, type AiRegion, type EditorState } from "./editor-state";
import { clampViewport, type Viewport } from "./geometry";
import type { BarRange, LoopRegion, Tool } from "./gestures/types";
import { loopToBars } from "./loop-bars";
import { GRID_OPTIONS } from "./snap";
import { followPlayhead, revealPitch, revealTick } from "./view";

/** Called after each change with the new state and the one before it. */
export type EditorListener = (state: EditorState, previous: EditorState) => void;

export type EditorStore = ReturnType<typeof createEditorStore>;

export function createEditorStore(initial: Partial<EditorState> = {}) {
  let state: EditorState = { ...INITIAL_EDITOR_STATE, ...initial };
  const listeners = new Set<EditorListener>();

  /** Applies a patch; listeners hear of it only when some field really changed. */
  function set(patch: Partial<EditorState>): void {
    const previous = state;
    const keys = Object.keys(patch) as (keyof EditorState)[];
    if (keys.every((k) => Object.is(previous[k], patch[k]))) return;
    state = { ...previous, ...patch };
    for (const listener of [...listeners]) listener(state, previous);
  }
  const setViewport = (v: Viewport) => set({ viewport: clampViewport(v) });
  /** A new range moves the current bar to its start: the person is working there now. */
  const regionPatch = (region: AiRegion) => ({
    region,
    currentBar: region.range && region.range !== state.region.range ? region.range.startBar : state.currentBar,
  });
  const setRegion = (region: AiRegion) => set(regionPatch(region));

  return {
    getState: (): EditorState => state,
    subscribe(listener: EditorListener): () => void {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    setTool: (tool: Tool) => set({ tool }),
    setTrack: (track: string) => set({ track }),
    setGrid(gridId: string) {
      if (!GRID_OPTIONS.some((g) => g.id === gridId)) throw new Error(`Unknown snap "${gridId}": expected one of ${GRID_OPTIONS.map((g) => g.id).join(", ")}`);
      set({ gridId });
    },
    setColourByAuthor: (colourByAuthor: boolean) => set({ colourByAuthor }),
    /**
     * Replaces the selection; `bar`, where the selected notes start, becomes the current bar. The live line says the
     * selection again. `drawn`: the selection is a note just drawn.
     */
    select(ids: Iterable<string>, bar: number | null = null, drawn = false) {
      set({ selection: new Set(ids), selectionDrawn: drawn, currentBar: bar ?? state.currentBar, said: null });
    },
    /** Where the pointer is over the notes (null: it left them); only a move to another cell is news. */
    pointAt(at: { tick: number; pitch: number } | null) {
      const cell = at && { tick: Math.round(at.tick / POINTER_CELL) * POINTER_CELL, pitch: at.pitch };
      if (cell?.tick === state.pointer?.tick && cell?.pitch === state.pointer?.pitch) return;
      set({ pointer: cell });
    },
    setViewport,
    resize: (width: number, height: number) => setViewport({ ...state.viewport, width, height }),
    setKeysWidth: (keysWidth: number) => setViewport({ ...state.viewport, keysWidth }),
    /** How far the piece reaches (time-extent.ts): the zoom and the scroll stay within it. */
    setEndTick: (endTick: number) => setViewport({ ...state.viewport, endTick }),
    /** While playing: turns the page when the playhead leaves the view (view.ts). */
    followPlayhead: (tick: number) => setViewport(followPlayhead(state.viewport, tick)),
    setFollow: (follow: boolean) => set({ follow }),
    setShowVelocity: (showVelocity: boolean) =>
      set({ showVelocity, viewport: clampViewport({ ...state.viewport, laneHeight: showVelocity ? LANE_HEIGHT : 0 }) }),
    setRegion,
    setRegionRange: (range: BarRange | null) => setRegion({ ...state.region, range }),
    setTransport: (transport: TransportSettings) => set({ transport }),
    /** The loop from the roll (a ruler drag, L), in ticks: the transport keeps it in whole bars. Null turns it off. */
    setLoop: (loop: LoopRegion | null, ticksPerBar: number) => set({ transport: { ...state.transport, loop: loopToBars(loop, ticksPerBar, state.transport.loop) } }),
    /** A comment picked in the panel or on the ruler: its bars become the region and the current bar. */
    pickComment(c: { id: string; startBar: number; endBar: number }) {
      set({ commentId: c.id, ...regionPatch({ ...state.region, range: { startBar: c.startBar, endBar: c.endBar } }) });
    },
    /** A click on the notes puts the keyboard cursor there, quietly. */
    placeKeyCursor: (keyCursor: KeyCursor) => set({ keyCursor }),
    /** The keyboard moved the cursor: the view scrolls to show it, and the live line says where it is. */
    moveKeyCursor: (keyCursor: KeyCursor, said: string) =>
      set({ keyCursor, said, viewport: clampViewport(revealTick(revealPitch(state.viewport, keyCursor.pitch), keyCursor.tick)) }),
    setNoteLength(noteLength: number) {
      if (!(noteLength > 0)) throw new Error(`A note length is a positive number of ticks, not ${noteLength}`);
      set({ noteLength });
    },
    setClip: (clip: Clip) => set({ clip }),
    setShortcutsOpen: (shortcutsOpen: boolean) => set({ shortcutsOpen }),
  };
}
