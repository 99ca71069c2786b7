"use client";
/**
 * The piano roll canvas: draws the document as the editor store says to show it, and turns pointer
 * and key events into gestures, store actions and commands. It keeps only what lives for one gesture.
 */
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from "react";
import type * as Y from "yjs";
import { isDrumTrack, type NoteWithId, type Track } from "@/lib/doc-schema";
import { ticksPerBar, type Meter } from "@/lib/time";
import type { Peer } from "@/app/_collab/presence";
import { lastTick } from "@/app/_playback/schedule";
import { DRUM_KEYS_WIDTH, PIANO_KEYS_WIDTH } from "./drum-names";
import { NOTHING_SELECTED } from "./editor-state";
import type { EditorStore } from "./editor-store";
import { areaAt, xToTick, yToPitch, type Point, type Viewport } from "./geometry";
import { startGesture } from "./gestures/start-gesture";
import type { ConfirmRemoval, Gesture, GestureEnv, Modifiers } from "./gestures/types";
import { hitNote } from "./hit-test";
import { keyAction, type KeyAction } from "./keyboard";
import { buildIndex } from "./note-index";
import { orderForTrack } from "./preview";
import type { RollScale } from "./roll-scale";
import { markAt, type RulerMark } from "./ruler-marks";
import type { GhostView, NoteStyle } from "./scene";
import { pointerCursor } from "./pointer";
import { selectNotes } from "./roll-actions";
import { selectionSummary } from "./selection-summary";
import { gridOption } from "./snap";
import { extentTick } from "./time-extent";
import { TimeScrollbar } from "./time-scrollbar";
import { useCanvasSize } from "./use-canvas-size";
import { useEditor, useTool, useTrack } from "./use-editor";
import { useRollFrames } from "./use-roll-frames";

export interface PianoRollProps {
  doc: Y.Doc;
  store: EditorStore;
  meter: Meter;
  notes: readonly NoteWithId[]; // every track's, as shown: the live notes, or a replay's
  tracks: readonly (Track & { id: string })[];
  readOnly: boolean;
  styleOf(note: NoteWithId): NoteStyle;
  ghost: GhostView | null;
  peers: readonly Peer[]; // the others only
  rulerMarks: readonly RulerMark[]; // open review comments; a click on one picks it (store.pickComment)
  getPlayhead(): number | null;
  scale?: RollScale | null; // the piece's key: its rows tinted
  /** Runs a key action (roll-actions.ts), as the edit tools and the page's shortcuts do. */
  run(action: KeyAction): void;
  /** Asks before the eraser removes other people's notes. */
  confirmRemoval?: ConfirmRemoval;
  /** What shows over the roll (the Ask the AI bar, the first-use guide), after the canvas in the tab order. */
  children?: ReactNode;
}

const mods = (e: { shiftKey: boolean; altKey: boolean; ctrlKey: boolean; metaKey: boolean }): Modifiers => ({
  shift: e.shiftKey,
  alt: e.altKey,
  meta: e.ctrlKey || e.metaKey,
});

export function PianoRoll(props: PianoRollProps) {
  const { store, notes, meter, readOnly } = props;
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const size = useCanvasSize(wrapRef);
  const gesture = useRef<Gesture | null>(null);
  const focused = useRef(false);
  const [cursor, setCursor] = useState("crosshair");
  const track = useTrack(store, props.tracks);
  const tool = useTool(store, readOnly);
  const grid = gridOption(useEditor(store, (s) => s.gridId)).ticks;
  const drumTrack = isDrumTrack(props.tracks.find((t) => t.id === track));

  // What the aria-live line says: the selection (recomputed as the notes change), or where the keyboard cursor is.
  const selection = useEditor(store, (s) => s.selection);
  const said = useEditor(store, (s) => s.said);
  const summary = useMemo(
    () => said ?? (selection === NOTHING_SELECTED ? "" : selectionSummary(notes, selection, meter, drumTrack)),
    [said, selection, notes, meter, drumTrack],
  );

  // Sorted once per change of the notes, so a frame only touches the notes in view.
  const index = useMemo(() => buildIndex(notes), [notes]);
  const ordered = useMemo(() => orderForTrack(notes, track), [notes, track]);
  const redraw = useRollFrames(canvasRef, store, { ...props, track, grid, drumTrack }, index, gesture, focused);
  useEffect(() => store.setKeysWidth(drumTrack ? DRUM_KEYS_WIDTH : PIANO_KEYS_WIDTH), [store, drumTrack]);
  useEffect(() => store.resize(size.width, size.height), [store, size.width, size.height]);

  // Time reaches the end of the piece (or of a candidate past it) and room to write: zoom and scroll stop there.
  const notesEnd = useMemo(() => lastTick(notes), [notes]);
  const endTick = extentTick(Math.max(notesEnd, props.ghost ? lastTick(props.ghost.notes) : 0), meter);
  // Before the frame that draws the notes, so that their arrival is drawn once.
  useLayoutEffect(() => store.setEndTick(endTick), [store, endTick]);
  const canvasId = useId();

  const env = (): GestureEnv => {
    const s = store.getState();
    return { doc: props.doc, viewport: s.viewport, meter, notes: ordered, selection: s.selection, selectionDrawn: s.selectionDrawn, track, grid, noteLength: s.noteLength, readOnly };
  };

  const pointOf = (e: PointerEvent<HTMLCanvasElement>): Point => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  const markUnder = (v: Viewport, p: Point): RulerMark | null => (areaAt(v, p) === "ruler" ? markAt(v, meter, props.rulerMarks, p) : null);

  function onPointerDown(e: PointerEvent<HTMLCanvasElement>) {
    if (e.button !== 0) return;
    e.currentTarget.focus();
    const p = pointOf(e);
    const v = store.getState().viewport;
    const mark = markUnder(v, p);
    if (mark) return store.pickComment(mark); // a comment's mark on the ruler: no loop drag
    if (areaAt(v, p) === "grid") store.placeKeyCursor({ tick: Math.max(0, Math.floor(xToTick(v, p.x) / grid) * grid), pitch: yToPitch(v, p.y) });
    const started = startGesture({ ...env(), confirmRemoval: props.confirmRemoval }, p, mods(e), tool);
    if (!started) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    gesture.current = started.gesture;
    if (started.selection) selectNotes(store, started.selection, props);
    redraw();
  }

  function onPointerMove(e: PointerEvent<HTMLCanvasElement>) {
    const p = pointOf(e);
    const v = store.getState().viewport;
    const area = areaAt(v, p);
    if (area === "grid") store.pointAt({ tick: xToTick(v, p.x), pitch: yToPitch(v, p.y) });
    if (gesture.current) {
      gesture.current.move(p, mods(e));
      redraw();
      return;
    }
    const hit = area === "grid" ? hitNote(v, ordered, p) : null;
    setCursor(pointerCursor({ area, onMark: markUnder(v, p) !== null, hit: hit?.part ?? null, tool, editable: !readOnly }));
  }

  function onPointerUp(e: PointerEvent<HTMLCanvasElement>) {
    const g = gesture.current;
    if (!g) return;
    gesture.current = null;
    const result = g.end(pointOf(e), mods(e));
    if (result.selection) selectNotes(store, result.selection, props, result.drawn);
    if (result.noteLength) store.setNoteLength(result.noteLength);
    if (result.region) store.setRegionRange(result.region);
    if (result.loop) store.setLoop(result.loop.endTick > result.loop.startTick ? result.loop : null, ticksPerBar(meter));
    redraw();
  }

  function onPointerCancel() {
    gesture.current = null;
    redraw();
  }

  function onKeyDown(e: KeyboardEvent<HTMLCanvasElement>) {
    const action = keyAction(e);
    if (!action) return;
    e.preventDefault();
    props.run(action);
  }

  const onFocusChange = (on: boolean) => {
    focused.current = on;
    redraw();
  };

  return (
    <>
      <div ref={wrapRef} className="roll">
        <canvas
          ref={canvasRef}
          id={canvasId}
          data-testid="piano-roll"
          width={Math.max(1, Math.round(size.width * size.dpr))}
          height={Math.max(1, Math.round(size.height * size.dpr))}
          style={{ cursor }}
          tabIndex={0}
          role="application"
          aria-label="Piano roll"
          aria-roledescription="piano roll"
          aria-describedby="piano-roll-help"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerCancel}
          onPointerLeave={() => store.pointAt(null)}
          onKeyDown={onKeyDown}
          onFocus={() => onFocusChange(true)}
          onBlur={() => onFocusChange(false)}
        />
        <p id="piano-roll-help" className="visually-hidden">
          Click an empty cell to add a note to the selected track; drag a note to move it, drag its right edge to resize it.
          Shift-drag on empty space selects the track's notes in a box, Alt-drag those of every track.
          From the keyboard: arrow keys move the cursor, Enter adds a note there; with notes selected, arrows move them,
          Shift moves by octaves and bars, Alt changes their velocity. Delete removes them, Q quantizes, Ctrl+C, X, V and D
          copy, cut, paste and duplicate, Ctrl+Z undoes your own edits. Space plays or stops. Press question mark for all
          shortcuts.
        </p>
        <p className="visually-hidden" aria-live="polite" data-testid="selection-summary">
          {summary}
        </p>
        {props.children}
      </div>
      <TimeScrollbar store={store} meter={meter} controls={canvasId} />
    </>
  );
}
