"use client";
/**
 * The roll's render loop: a frame when something it shows has changed (the store, its input, a gesture),
 * every frame while the piece plays; and the wheel, which scrolls and zooms the store's viewport.
 */
import { useCallback, useEffect, useRef, type RefObject } from "react";
import { draw, type FrameInput } from "./draw-roll";
import type { EditorStore } from "./editor-store";
import { drawnStateChanged, frameInputChanged } from "./frame-changes";
import type { Viewport } from "./geometry";
import type { Gesture } from "./gestures/types";
import type { NoteIndex } from "./note-index";
import { viewportAfterWheel } from "./pointer";

declare global {
  interface Window {
    /** For bench/piano-roll.ts: set it to collect each frame's draw time, and the view last drawn. */
    __tandemRollProbe?: { drawMs: number[]; viewport?: Viewport };
  }
}

/** Starts the loop; returns a function that asks for a frame (after a gesture moved, say). */
export function useRollFrames(
  canvasRef: RefObject<HTMLCanvasElement | null>,
  store: EditorStore,
  input: FrameInput,
  index: NoteIndex,
  gesture: RefObject<Gesture | null>,
  focused: RefObject<boolean>,
): () => void {
  const dirty = useRef(true);
  const latest = useRef({ input, index });
  useEffect(() => {
    const before = latest.current;
    latest.current = { input, index };
    if (before.index !== index || frameInputChanged(before.input, input)) dirty.current = true;
  });
  useEffect(
    () =>
      store.subscribe((state, previous) => {
        if (drawnStateChanged(state, previous)) dirty.current = true;
      }),
    [store],
  );

  useEffect(() => {
    let raf = 0;
    let lastPlayhead: number | null = null;
    const frame = () => {
      raf = requestAnimationFrame(frame);
      const { input, index } = latest.current;
      const playhead = input.getPlayhead();
      if (!dirty.current && playhead === lastPlayhead) return;
      if (playhead !== null && store.getState().follow) store.followPlayhead(playhead);
      dirty.current = false;
      lastPlayhead = playhead;
      const s = store.getState();
      const probe = window.__tandemRollProbe;
      const t0 = probe ? performance.now() : 0;
      draw(canvasRef.current, input, s, index, gesture.current, focused.current ? s.keyCursor : null, playhead);
      if (probe) {
        probe.drawMs.push(performance.now() - t0);
        probe.viewport = s.viewport;
      }
    };
    raf = requestAnimationFrame(frame);
    return () => cancelAnimationFrame(raf);
  }, [store, canvasRef, gesture, focused]);

  // Wheel: scroll pitches, Shift (or a horizontal swipe) scrolls time, Ctrl/Cmd zooms time, Alt zooms rows.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      store.setViewport(viewportAfterWheel(store.getState().viewport, e));
    };
    canvas.addEventListener("wheel", onWheel, { passive: false });
    return () => canvas.removeEventListener("wheel", onWheel);
  }, [store, canvasRef]);

  return useCallback(() => {
    dirty.current = true;
  }, []);
}
