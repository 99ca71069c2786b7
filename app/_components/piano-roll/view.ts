/** Local view changes: keyboard scroll/zoom and following the playhead (pure, tested). */
import { ticksPerBar, type Meter } from "@/lib/time";
import { gridBottom, pitchToY, scrollBy, tickToX, zoomAt, zoomRowsAt, type Viewport } from "./geometry";
import type { KeyAction } from "./keyboard";

export function applyViewAction(v: Viewport, a: Extract<KeyAction, { kind: "view" }>, meter: Meter): Viewport {
  let next = a.zoom === 1 ? v : zoomAt(v, v.keysWidth, a.zoom);
  if (a.rows && a.rows !== 1) next = zoomRowsAt(next, (next.rulerHeight + gridBottom(next)) / 2, a.rows);
  return scrollBy(next, a.bars * ticksPerBar(meter), a.pitch);
}

/**
 * Keeps the playhead in view by pages, as DAWs do: when it leaves the right edge (or is left of
 * the view, after a loop jumps back), the view turns the page so the playhead is near the left.
 */
export function followPlayhead(v: Viewport, playhead: number): Viewport {
  const x = tickToX(v, playhead);
  if (x >= v.keysWidth && x <= v.width - 40) return v;
  return { ...v, scrollTick: Math.max(0, playhead - 40 / v.pxPerTick) };
}

/** Scrolls pitches just enough to show a row (the keyboard cursor). */
export function revealPitch(v: Viewport, pitch: number): Viewport {
  const y = pitchToY(v, pitch);
  if (y < v.rulerHeight) return scrollBy(v, 0, Math.ceil((v.rulerHeight - y) / v.rowHeight));
  if (y + v.rowHeight > gridBottom(v)) return scrollBy(v, 0, -Math.ceil((y + v.rowHeight - gridBottom(v)) / v.rowHeight));
  return v;
}

/** Scrolls time just enough to show a tick. */
export function revealTick(v: Viewport, tick: number): Viewport {
  const x = tickToX(v, tick);
  if (x < v.keysWidth) return { ...v, scrollTick: Math.max(0, tick) };
  if (x > v.width - 20) return { ...v, scrollTick: Math.max(0, tick - (v.width - v.keysWidth - 60) / v.pxPerTick) };
  return v;
}
