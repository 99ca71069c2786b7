"use client";
/**
 * The piano roll canvas: turns pointer and key events into gestures and commands, and redraws
 * on the next animation frame whenever something it shows has changed.
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import type * as Y from "yjs";
import type { NoteWithId } from "@/lib/doc-schema";
import { ticksPerBar, type Meter } from "@/lib/time";
import type { Peer } from "@/app/_collab/presence";
import { DEFAULT_VIEWPORT, EIGHTH, SIXTEENTH, areaAt, scrollBy, tickToX, xToTick, yToPitch, zoomAt, type Point, type Viewport } from "./geometry";
import { startGesture } from "./gestures/start-gesture";
import type { BarRange, Gesture, GestureEnv, Modifiers, Tool } from "./gestures/types";
import { hitNote } from "./hit-test";
import { keyAction, runKeyAction } from "./keyboard";
import { applyPreview, orderForTrack } from "./preview";
import { drawScene } from "./render";
import type { GhostView, NoteStyle, RegionView } from "./scene";
import { useCanvasSize } from "./use-canvas-size";

export interface PianoRollProps {
  doc: Y.Doc;
  undo: Y.UndoManager | null;
  meter: Meter;
  notes: readonly NoteWithId[];
  track: string;
  tool: Tool;
  readOnly: boolean;
  styleOf(note: NoteWithId): NoteStyle;
  region: RegionView | null;
  onRegionChange(range: BarRange): void;
  ghost: GhostView | null;
  peers: readonly Peer[];
  onCursor(cursor: { tick: number; pitch: number } | null): void;
  onSelectionChange(ids: readonly string[]): void;
  getPlayhead(): number | null;
}

const GRID = SIXTEENTH;
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
  const dirty = useRef(true);
  const [cursor, setCursor] = useState("crosshair");

  useEffect(() => {
    latest.current = props;
    dirty.current = true;
  });

  useEffect(() => {
    viewport.current = { ...viewport.current, width: size.width, height: size.height };
    dirty.current = true;
  }, [size.width, size.height]);

  const setSelection = useCallback((ids: Set<string>) => {
    selection.current = ids;
    latest.current.onSelectionChange([...ids]);
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
      const v = viewport.current;
      if (playhead !== null && tickToX(v, playhead) > v.width - 40) {
        viewport.current = { ...v, scrollTick: Math.max(0, playhead - 40 / v.pxPerTick) };
      }
      dirty.current = false;
      lastPlayhead = playhead;
      draw(canvasRef.current, viewport.current, p, selection.current, gesture.current);
    };
    raf = requestAnimationFrame(frame);
    return () => cancelAnimationFrame(raf);
  }, []);

  // Wheel: scroll pitches, Shift (or a horizontal swipe) scrolls time, Ctrl/Cmd zooms.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const v = viewport.current;
      if (e.ctrlKey || e.metaKey) viewport.current = zoomAt(v, e.offsetX, e.deltaY < 0 ? 1.15 : 1 / 1.15);
      else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        viewport.current = scrollBy(v, (e.deltaX || e.deltaY) / v.pxPerTick, 0);
      } else viewport.current = scrollBy(v, 0, -Math.sign(e.deltaY) * Math.max(1, Math.round(Math.abs(e.deltaY) / 40)));
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
      notes: orderForTrack(p.notes, p.track),
      selection: selection.current,
      track: p.track,
      grid: GRID,
      noteLength: noteLength.current,
      readOnly: p.readOnly,
    };
  };

  const pointOf = (e: PointerEvent<HTMLCanvasElement>): Point => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  function onPointerDown(e: PointerEvent<HTMLCanvasElement>) {
    if (e.button !== 0) return;
    e.currentTarget.focus();
    const started = startGesture(env(), pointOf(e), mods(e), props.tool);
    if (!started) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    gesture.current = started.gesture;
    if (started.selection) setSelection(started.selection);
    dirty.current = true;
  }

  function onPointerMove(e: PointerEvent<HTMLCanvasElement>) {
    const p = pointOf(e);
    const v = viewport.current;
    if (areaAt(v, p) === "grid") props.onCursor({ tick: Math.round(xToTick(v, p.x)), pitch: yToPitch(v, p.y) });
    if (gesture.current) {
      gesture.current.move(p, mods(e));
      dirty.current = true;
      return;
    }
    const hit = areaAt(v, p) === "grid" ? hitNote(v, env().notes, p) : null;
    setCursor(hit ? (hit.part === "end" && !props.readOnly ? "ew-resize" : "grab") : props.tool === "draw" && !props.readOnly ? "crosshair" : "default");
  }

  function onPointerUp(e: PointerEvent<HTMLCanvasElement>) {
    const g = gesture.current;
    if (!g) return;
    gesture.current = null;
    const result = g.end(pointOf(e), mods(e));
    if (result.selection) setSelection(result.selection);
    if (result.noteLength) noteLength.current = result.noteLength;
    if (result.region) props.onRegionChange(result.region);
    dirty.current = true;
  }

  function onPointerCancel() {
    gesture.current = null;
    dirty.current = true;
  }

  function onKeyDown(e: KeyboardEvent<HTMLCanvasElement>) {
    const action = keyAction(e);
    if (!action) return;
    e.preventDefault();
    if (action.kind === "view") {
      const v = viewport.current;
      const zoomed = action.zoom === 1 ? v : zoomAt(v, v.keysWidth, action.zoom);
      viewport.current = scrollBy(zoomed, action.bars * ticksPerBar(props.meter), action.pitch);
      dirty.current = true;
      return;
    }
    const { doc, undo, readOnly, notes, track } = props;
    const next = runKeyAction(action, { doc, undo, readOnly, notes, track, grid: GRID, selection: selection.current });
    if (next) setSelection(next);
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
      />
      <p id="piano-roll-help" className="visually-hidden">
        Click an empty cell to add a note to the selected track; drag a note to move it, drag its right edge to resize it.
        Shift-drag or the select tool draws a selection box. Arrow keys move the selected notes, Shift moves by octaves
        and beats; Delete removes them; Ctrl+Z undoes your own edits. The wheel or PageUp/PageDown scrolls pitches;
        Shift+wheel or the bracket keys move in time; Ctrl+wheel or plus and minus zoom.
      </p>
    </div>
  );
}

function draw(
  canvas: HTMLCanvasElement | null,
  v: Viewport,
  p: PianoRollProps,
  selection: ReadonlySet<string>,
  gesture: Gesture | null,
): void {
  const ctx = canvas?.getContext("2d");
  if (!canvas || !ctx || v.width === 0) return;
  const dpr = canvas.width / v.width;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  const preview = gesture?.preview() ?? { kind: "none" as const };
  drawScene(ctx, {
    viewport: v,
    meter: p.meter,
    grid: GRID,
    notes: applyPreview(orderForTrack(p.notes, p.track), preview, GRID),
    styleOf: p.styleOf,
    selection,
    preview,
    region: p.region,
    ghost: p.ghost,
    peers: p.peers,
    playhead: p.getPlayhead(),
  });
}
