"use client";
/**
 * The time scrollbar under the roll: its thumb is the view's place and share of the piece (time-extent.ts), and it
 * moves the view: drag the thumb, press the track to jump there, or use the arrow keys (a bar), Page Up / Page Down
 * (a view's width), Home and End.
 */
import { useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { ticksPerBar, type Meter } from "@/lib/time";
import type { EditorStore } from "./editor-store";
import { gridWidth, maxScrollTick, scrollBy } from "./geometry";
import { scrollbarValues, scrollTickAtShare, thumbOf } from "./time-extent";
import { useEditor } from "./use-editor";
import styles from "./time-scrollbar.module.css";

export function TimeScrollbar({ store, meter, controls }: { store: EditorStore; meter: Meter; controls: string }) {
  const v = useEditor(store, (s) => s.viewport);
  const trackRef = useRef<HTMLDivElement>(null);
  // Where the pointer holds the thumb, as a share of the track from the thumb's start (null: no drag).
  const [grab, setGrab] = useState<number | null>(null);
  const thumb = thumbOf(v);
  const said = scrollbarValues(v, meter);

  const shareAt = (clientX: number): number => {
    const r = trackRef.current!.getBoundingClientRect();
    return r.width > 0 ? (clientX - r.left) / r.width : 0;
  };
  const scrollToShare = (share: number) => {
    const now = store.getState().viewport;
    store.setViewport({ ...now, scrollTick: scrollTickAtShare(now, share) });
  };

  function onPointerDown(e: PointerEvent<HTMLDivElement>) {
    if (e.button !== 0) return;
    const at = shareAt(e.clientX);
    // On the thumb it keeps its hold; elsewhere the thumb's middle jumps to the pointer, then follows it.
    const held = at >= thumb.start && at <= thumb.start + thumb.size ? at - thumb.start : thumb.size / 2;
    e.currentTarget.setPointerCapture(e.pointerId);
    setGrab(held);
    scrollToShare(at - held);
  }

  function onPointerMove(e: PointerEvent<HTMLDivElement>) {
    if (grab !== null) scrollToShare(shareAt(e.clientX) - grab);
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const now = store.getState().viewport;
    const page = (0.9 * gridWidth(now)) / now.pxPerTick;
    const by: Record<string, number> = {
      ArrowLeft: -ticksPerBar(meter),
      ArrowRight: ticksPerBar(meter),
      PageUp: -page,
      PageDown: page,
      Home: -now.scrollTick,
      End: maxScrollTick(now) - now.scrollTick,
    };
    if (!(e.key in by)) return;
    e.preventDefault();
    store.setViewport(scrollBy(now, by[e.key], 0));
  }

  return (
    <div
      className={`${styles.bar} ${grab !== null ? styles.dragging : ""}`}
      style={{ paddingLeft: v.keysWidth }}
      role="scrollbar"
      aria-label="Position in the piece"
      aria-controls={controls}
      aria-orientation="horizontal"
      aria-valuemin={1}
      aria-valuemax={said.max}
      aria-valuenow={said.now}
      aria-valuetext={said.text}
      tabIndex={0}
      data-testid="time-scrollbar"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={() => setGrab(null)}
      onPointerCancel={() => setGrab(null)}
      onKeyDown={onKeyDown}
    >
      <div ref={trackRef} className={styles.track}>
        <div className={styles.thumb} data-testid="time-scrollbar-thumb" style={{ left: `${thumb.start * 100}%`, width: `${thumb.size * 100}%` }} />
      </div>
    </div>
  );
}
