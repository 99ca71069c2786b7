"use client";
/**
 * The piano roll canvas: turns pointer and key events into gestures and commands, and redraws
 * on the next animation frame whenever something it shows has changed.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MutableRefObject, type PointerEvent } from "react";
import type * as Y from "yjs";
import type { NoteWithId } from "@/lib/doc-schema";
import type { Meter } from "@/lib/time";
import type { Peer } from "@/app/_collab/presence";
import type { Clip } from "./clipboard";
import { DRUM_KEYS_WIDTH, PIANO_KEYS_WIDTH } from "./drum-names";
import { runEdit, type KeyCursor } from "./edit-actions";
import { DEFAULT_VIEWPORT, EIGHTH, areaAt, xToTick, yToPitch, type Point, type Viewport } from "./geometry";
import { startGesture } from "./gestures/start-gesture";
import type { BarRange, Gesture, GestureEnv, LoopRegion, Modifiers, Tool } from "./gestures/types";
import type { PersonalHistory } from "./history";
import { hitNote } from "./hit-test";
import { keyAction, type KeyAction } from "./keyboard";
import { buildIndex, type NoteIndex } from "./note-index";
import { orderForTrack } from "./preview";
import { draw } from "./draw-roll";
import type { GhostView, NoteStyle, RegionView } from "./scene";
import { markAt, type RulerMark } from "./ruler-marks";
import { pointerCursor, viewportAfterWheel } from "./pointer";
import { describeCursor, loopFromSelection, pastePoint } from "./roll-keys";
import { selectionSummary } from "./selection-summary";
import { useCanvasSize } from "./use-canvas-size";
import { applyViewAction, followPlayhead, revealPitch, revealTick } from "./view";

export interface PianoRollProps {
  doc: Y.Doc;
  history: PersonalHistory | null;
  meter: Meter;
  notes: readonly NoteWithId[];
  track: string;
  trackIds: ReadonlySet<string>;
  drumTrack: boolean; // the selected track is a drum track: the keys show GM drum names
  tool: Tool;
  onTool(tool: Tool): void;
  grid: number; // snap, in ticks (1 = off)
  readOnly: boolean;
  styleOf(note: NoteWithId): NoteStyle;
  region: RegionView | null;
  onRegionChange(range: BarRange): void;
  ghost: GhostView | null;
  peers: readonly Peer[];
  onCursor(cursor: { tick: number; pitch: number } | null): void;
  onSelectionChange(ids: readonly string[]): void;
  getPlayhead(): number | null;
  follow: boolean;
  onFollowChange(on: boolean): void;
  loop: LoopRegion | null;
  onLoopChange(loop: LoopRegion | null): void;
  onPlayToggle(): void;
  onShortcuts(): void;
  pasteTick: number; // the start of the current bar (a loop with nothing selected covers it)
  showVelocity: boolean;
  /** Bar ranges marked on the ruler (open review comments); a click on one calls onRulerMark with its id. */
  rulerMarks?: readonly RulerMark[];
  selectedRulerMark?: string | null;
  onRulerMark?(id: string): void;
  /** Filled with a function that runs an action as if its shortcut were pressed (for toolbar buttons). */
  commandRef?: MutableRefObject<((action: KeyAction) => void) | null>;
}

declare global {
  interface Window {
    /** For bench/piano-roll.ts: set it to collect each frame's draw time; noCull draws every note (the old renderer). */
    __tandemRollProbe?: { drawMs: number[]; noCull?: boolean };
  }
}

const LANE_HEIGHT = 72;
const mods = (e: { shiftKey: boolean; altKey: boolean; ctrlKey: boolean; metaKey: boolean }): Modifiers => ({
  shift: e.shiftKey,
  alt: e.altKey,
  meta: e.ctrlKey || e.metaKey,
});

export function PianoRoll(props: PianoRollProps) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const size = useCanvasSize(wrapRef);
  const viewport = useRef<Viewport>(DEFAULT_VIEWPORT);
  const latest = useRef(props);
  const selection = useRef<Set<string>>(new Set());
  const gesture = useRef<Gesture | null>(null);
  const noteLength = useRef(EIGHTH);
  const clip = useRef<Clip | null>(null);
  const keyCursor = useRef<KeyCursor>({ tick: 0, pitch: 60 });
  const focused = useRef(false);
  const dirty = useRef(true);
  const [cursor, setCursor] = useState("crosshair");
  // What the aria-live line says: the selection (recomputed as the notes change), or where the keyboard cursor is.
  const [selectionVersion, setSelectionVersion] = useState(0);
  const [cursorSaid, setCursorSaid] = useState<string | null>(null);
  const summary = useMemo(
    () => cursorSaid ?? (selectionVersion > 0 ? selectionSummary(props.notes, selection.current, props.meter, props.drumTrack) : ""),
    [cursorSaid, selectionVersion, props.notes, props.meter, props.drumTrack],
  );

  // Sorted once per change of the notes, so a frame only touches the notes in view.
  const index = useMemo(() => buildIndex(props.notes), [props.notes]);
  const ordered = useMemo(() => orderForTrack(props.notes, props.track), [props.notes, props.track]);
  const indexRef = useRef<NoteIndex>(index);

  useEffect(() => {
    latest.current = props;
    indexRef.current = index;
    const keysWidth = props.drumTrack ? DRUM_KEYS_WIDTH : PIANO_KEYS_WIDTH;
    const laneHeight = props.showVelocity ? LANE_HEIGHT : 0;
    if (viewport.current.keysWidth !== keysWidth || viewport.current.laneHeight !== laneHeight) {
      viewport.current = { ...viewport.current, keysWidth, laneHeight };
    }
    dirty.current = true;
  });

  useEffect(() => {
    viewport.current = { ...viewport.current, width: size.width, height: size.height };
    dirty.current = true;
  }, [size.width, size.height]);

  const setSelection = useCallback((ids: Set<string>) => {
    selection.current = ids;
    const p = latest.current;
    p.onSelectionChange([...ids]);
    setSelectionVersion((v) => v + 1);
    setCursorSaid(null);
    dirty.current = true;
  }, []);

  // The render loop: one frame when something changed, every frame while playing.
  useEffect(() => {
    let raf = 0;
    let lastPlayhead: number | null = null;
    const frame = () => {
      raf = requestAnimationFrame(frame);
      const p = latest.current;
      const playhead = p.getPlayhead();
      if (!dirty.current && playhead === lastPlayhead) return;
      if (playhead !== null && p.follow) viewport.current = followPlayhead(viewport.current, playhead);
      dirty.current = false;
      lastPlayhead = playhead;
      const probe = window.__tandemRollProbe;
      const t0 = probe ? performance.now() : 0;
      draw(canvasRef.current, viewport.current, p, indexRef.current, selection.current, gesture.current, focused.current ? keyCursor.current : null);
      if (probe) probe.drawMs.push(performance.now() - t0);
    };
    raf = requestAnimationFrame(frame);
    return () => cancelAnimationFrame(raf);
  }, []);

  // Wheel: scroll pitches, Shift (or a horizontal swipe) scrolls time, Ctrl/Cmd zooms time, Alt zooms rows.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      viewport.current = viewportAfterWheel(viewport.current, e);
      dirty.current = true;
    };
    canvas.addEventListener("wheel", onWheel, { passive: false });
    return () => canvas.removeEventListener("wheel", onWheel);
  }, []);

  const env = (): GestureEnv => {
    const p = latest.current;
    return {
      doc: p.doc,
      viewport: viewport.current,
      meter: p.meter,
      notes: ordered,
      selection: selection.current,
      track: p.track,
      grid: p.grid,
      noteLength: noteLength.current,
      readOnly: p.readOnly,
    };
  };

  const pointOf = (e: PointerEvent<HTMLCanvasElement>): Point => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  const markUnder = (v: Viewport, p: Point): RulerMark | null =>
    props.onRulerMark && areaAt(v, p) === "ruler" ? markAt(v, props.meter, props.rulerMarks ?? [], p) : null;

  function onPointerDown(e: PointerEvent<HTMLCanvasElement>) {
    if (e.button !== 0) return;
    e.currentTarget.focus();
    const p = pointOf(e);
    const v = viewport.current;
    const mark = markUnder(v, p);
    if (mark) return props.onRulerMark?.(mark.id); // a comment's mark on the ruler: no loop drag
    if (areaAt(v, p) === "grid") keyCursor.current = { tick: Math.max(0, Math.floor(xToTick(v, p.x) / props.grid) * props.grid), pitch: yToPitch(v, p.y) };
    const started = startGesture(env(), p, mods(e), props.tool);
    if (!started) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    gesture.current = started.gesture;
    if (started.selection) setSelection(started.selection);
    dirty.current = true;
  }

  function onPointerMove(e: PointerEvent<HTMLCanvasElement>) {
    const p = pointOf(e);
    const v = viewport.current;
    const area = areaAt(v, p);
    if (area === "grid") props.onCursor({ tick: Math.round(xToTick(v, p.x)), pitch: yToPitch(v, p.y) });
    if (gesture.current) {
      gesture.current.move(p, mods(e));
      dirty.current = true;
      return;
    }
    const hit = area === "grid" ? hitNote(v, ordered, p) : null;
    setCursor(pointerCursor({ area, onMark: markUnder(v, p) !== null, hit: hit?.part ?? null, tool: props.tool, editable: !props.readOnly }));
  }

  function onPointerUp(e: PointerEvent<HTMLCanvasElement>) {
    const g = gesture.current;
    if (!g) return;
    gesture.current = null;
    const result = g.end(pointOf(e), mods(e));
    if (result.selection) setSelection(result.selection);
    if (result.noteLength) noteLength.current = result.noteLength;
    if (result.region) props.onRegionChange(result.region);
    if (result.loop) props.onLoopChange(result.loop.endTick > result.loop.startTick ? result.loop : null);
    dirty.current = true;
  }

  function onPointerCancel() {
    gesture.current = null;
    dirty.current = true;
  }

  function run(action: KeyAction) {
    if (!runLocal(action)) runNoteEdit(action);
    dirty.current = true;
  }
  if (props.commandRef) props.commandRef.current = run;

  function onKeyDown(e: KeyboardEvent<HTMLCanvasElement>) {
    const action = keyAction(e);
    if (!action) return;
    e.preventDefault();
    run(action);
  }

  /** View, transport and tool keys; false when the action is an edit. */
  function runLocal(action: KeyAction): boolean {
    const p = props;
    switch (action.kind) {
      case "view":
        viewport.current = applyViewAction(viewport.current, action, p.meter);
        return true;
      case "play-toggle":
        p.onPlayToggle();
        return true;
      case "shortcuts":
        p.onShortcuts();
        return true;
      case "follow-toggle":
        p.onFollowChange(!p.follow);
        return true;
      case "tool":
        if (!p.readOnly || action.tool === "select") p.onTool(action.tool);
        return true;
      case "loop-toggle":
        p.onLoopChange(p.loop ? null : loopFromSelection(p.notes, selection.current, p.meter, p.region, p.pasteTick));
        return true;
      default:
        return false;
    }
  }

  function runNoteEdit(action: KeyAction) {
    const p = props;
    const out = runEdit(action, {
      doc: p.doc,
      history: p.history,
      readOnly: p.readOnly,
      notes: p.notes,
      track: p.track,
      trackIds: p.trackIds,
      grid: p.grid,
      noteLength: noteLength.current,
      meter: p.meter,
      selection: selection.current,
      cursor: keyCursor.current,
      pasteAt: pastePoint(p.getPlayhead(), keyCursor.current.tick, p.meter),
      clip: clip.current,
    });
    if (!out) return;
    if (out.clip) clip.current = out.clip;
    if (out.selection) setSelection(out.selection);
    if (out.cursor) {
      keyCursor.current = out.cursor;
      viewport.current = revealTick(revealPitch(viewport.current, out.cursor.pitch), out.cursor.tick);
      setCursorSaid(`Cursor at ${describeCursor(out.cursor, p.meter)}.`);
    }
  }

  return (
    <div ref={wrapRef} className="roll">
      <canvas
        ref={canvasRef}
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
        onPointerLeave={() => props.onCursor(null)}
        onKeyDown={onKeyDown}
        onFocus={() => {
          focused.current = true;
          dirty.current = true;
        }}
        onBlur={() => {
          focused.current = false;
          dirty.current = true;
        }}
      />
      <p id="piano-roll-help" className="visually-hidden">
        Click an empty cell to add a note to the selected track; drag a note to move it, drag its right edge to resize it.
        From the keyboard: arrow keys move the cursor, Enter adds a note there; with notes selected, arrows move them,
        Shift moves by octaves and bars, Alt changes their velocity. Delete removes them, Q quantizes, Ctrl+C, X, V and D
        copy, cut, paste and duplicate, Ctrl+Z undoes your own edits. Space plays or stops. Press question mark for all
        shortcuts.
      </p>
      <p className="visually-hidden" aria-live="polite" data-testid="selection-summary">
        {summary}
      </p>
    </div>
  );
}
