/** Pure geometry of the piano roll: document time and pitch <-> canvas pixels (CSS pixels). */
import { TICKS_PER_BEAT, ticksPerBar, type Meter } from "@/lib/time";

export const SIXTEENTH = TICKS_PER_BEAT / 4;
export const EIGHTH = TICKS_PER_BEAT / 2;
export const MIN_PITCH = 0;
export const MAX_PITCH = 127;

export interface Viewport {
  width: number; // CSS px of the whole canvas
  height: number;
  keysWidth: number; // the piano keys column on the left
  rulerHeight: number; // the bar-number row at the top
  laneHeight: number; // the velocity lane at the bottom (0: none)
  pxPerTick: number; // horizontal zoom
  rowHeight: number; // px per semitone
  scrollTick: number; // tick at the left edge of the grid
  topPitch: number; // pitch of the highest visible row
  endTick: number; // how far time reaches: the piece's end and room past it (time-extent.ts); Infinity until known
}

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const DEFAULT_VIEWPORT: Viewport = {
  width: 960,
  height: 560,
  keysWidth: 56,
  rulerHeight: 24,
  laneHeight: 0,
  pxPerTick: 0.1, // a 4/4 bar is 192 px
  rowHeight: 10,
  scrollTick: 0,
  topPitch: 84,
  endTick: Number.POSITIVE_INFINITY,
};

export const tickToX = (v: Viewport, tick: number): number => v.keysWidth + (tick - v.scrollTick) * v.pxPerTick;

export const xToTick = (v: Viewport, x: number): number => v.scrollTick + (x - v.keysWidth) / v.pxPerTick;

/** Top edge of a pitch's row. */
export const pitchToY = (v: Viewport, pitch: number): number => v.rulerHeight + (v.topPitch - pitch) * v.rowHeight;

export const yToPitch = (v: Viewport, y: number): number => v.topPitch - Math.floor((y - v.rulerHeight) / v.rowHeight);

export const clampPitch = (p: number): number => Math.min(MAX_PITCH, Math.max(MIN_PITCH, p));

/** Snaps down to the grid cell containing the tick (where a click places a note). */
export const snapFloor = (tick: number, grid: number): number => Math.floor(tick / grid) * grid;

/** Snaps to the nearest grid line (for drag deltas). */
export const snapRound = (tick: number, grid: number): number => Math.round(tick / grid) * grid;

export type Area = "keys" | "ruler" | "grid" | "corner" | "lane";

/** The y where the note rows end and the velocity lane begins. */
export const gridBottom = (v: Viewport): number => v.height - v.laneHeight;

export function areaAt(v: Viewport, p: Point): Area {
  const inKeys = p.x < v.keysWidth;
  const inRuler = p.y < v.rulerHeight;
  if (p.y >= gridBottom(v)) return inKeys ? "corner" : "lane";
  if (inKeys && inRuler) return "corner";
  if (inKeys) return "keys";
  if (inRuler) return "ruler";
  return "grid";
}

export function noteRect(v: Viewport, n: { start: number; duration: number; pitch: number }): Rect {
  return {
    x: tickToX(v, n.start),
    y: pitchToY(v, n.pitch),
    w: Math.max(2, n.duration * v.pxPerTick),
    h: v.rowHeight,
  };
}

export const normalizeRect = (a: Point, b: Point): Rect => ({
  x: Math.min(a.x, b.x),
  y: Math.min(a.y, b.y),
  w: Math.abs(a.x - b.x),
  h: Math.abs(a.y - b.y),
});

export const rectsIntersect = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

export function visibleTicks(v: Viewport): { from: number; to: number } {
  return { from: v.scrollTick, to: xToTick(v, v.width) };
}

export function visiblePitches(v: Viewport): { lo: number; hi: number } {
  return { lo: clampPitch(yToPitch(v, gridBottom(v))), hi: clampPitch(v.topPitch) };
}

/** The bar (0-based) under an x position. */
export const barAtX = (v: Viewport, x: number, meter: Meter): number =>
  Math.max(0, Math.floor(xToTick(v, x) / ticksPerBar(meter)));

const BLACK = new Set([1, 3, 6, 8, 10]);
export const isBlackKey = (pitch: number): boolean => BLACK.has(((pitch % 12) + 12) % 12);

const NAMES = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];
export const pitchName = (pitch: number): string => `${NAMES[pitch % 12]}${Math.floor(pitch / 12) - 1}`;

/** How far the view zooms: px per tick (time), px per semitone (rows); time zooms out further on a long piece (minPxPerTick). */
export const ZOOM_LIMITS = { minPxPerTick: 0.01, maxPxPerTick: 1, minRowHeight: 5, maxRowHeight: 28 } as const;

const within = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** Width of the note grid, right of the keys. */
export const gridWidth = (v: Viewport): number => Math.max(0, v.width - v.keysWidth);

/** The furthest out time zooms: the whole of endTick across the grid (ZOOM_LIMITS' floor until the end or the width is known). */
export function minPxPerTick(v: Viewport): number {
  const w = gridWidth(v);
  if (!Number.isFinite(v.endTick) || w === 0) return ZOOM_LIMITS.minPxPerTick;
  return Math.min(ZOOM_LIMITS.maxPxPerTick, w / v.endTick);
}

/** The last scroll position: the grid's right edge at endTick (0 when all of it fits). */
export const maxScrollTick = (v: Viewport): number => Math.max(0, v.endTick - gridWidth(v) / v.pxPerTick);

/**
 * The viewport inside the document's range: no time before 0 or past endTick, no rows above the top pitch or below the
 * bottom one (while the canvas is shorter than all 128 rows), zoom within its limits. The same object when it already is.
 */
export function clampViewport(v: Viewport): Viewport {
  const pxPerTick = within(v.pxPerTick, minPxPerTick(v), ZOOM_LIMITS.maxPxPerTick);
  const rowHeight = within(v.rowHeight, ZOOM_LIMITS.minRowHeight, ZOOM_LIMITS.maxRowHeight);
  const rows = Math.floor((gridBottom(v) - v.rulerHeight) / rowHeight);
  const topPitch = Math.min(MAX_PITCH, Math.max(MIN_PITCH + rows - 1, v.topPitch));
  const scrollTick = within(v.scrollTick, 0, maxScrollTick({ ...v, pxPerTick }));
  if (pxPerTick === v.pxPerTick && rowHeight === v.rowHeight && topPitch === v.topPitch && scrollTick === v.scrollTick) return v;
  return { ...v, pxPerTick, rowHeight, topPitch, scrollTick };
}

/** Scrolls, keeping the viewport inside the document's range. */
export function scrollBy(v: Viewport, dTicks: number, dPitch: number): Viewport {
  return clampViewport({ ...v, scrollTick: v.scrollTick + dTicks, topPitch: v.topPitch + dPitch });
}

/** Zooms time, keeping the tick at x where it is (as far as the range allows). */
export function zoomAt(v: Viewport, x: number, factor: number): Viewport {
  const pxPerTick = within(v.pxPerTick * factor, minPxPerTick(v), ZOOM_LIMITS.maxPxPerTick);
  const anchor = xToTick(v, x);
  return clampViewport({ ...v, pxPerTick, scrollTick: anchor - (x - v.keysWidth) / pxPerTick });
}

/** Zooms pitches (row height), keeping the pitch at y where it is. */
export function zoomRowsAt(v: Viewport, y: number, factor: number): Viewport {
  const rowHeight = within(Math.round(v.rowHeight * factor), ZOOM_LIMITS.minRowHeight, ZOOM_LIMITS.maxRowHeight);
  if (rowHeight === v.rowHeight) return v;
  const anchor = yToPitch(v, y);
  const topPitch = anchor + Math.floor((y - v.rulerHeight) / rowHeight);
  return scrollBy({ ...v, rowHeight, topPitch }, 0, 0);
}

const LANE_PAD = 4;

/** Velocity (1..127) to y inside the lane, and back. */
export function velocityToY(v: Viewport, velocity: number): number {
  const top = gridBottom(v) + LANE_PAD;
  const h = v.laneHeight - 2 * LANE_PAD;
  return top + h - (velocity / 127) * h;
}

export function yToVelocity(v: Viewport, y: number): number {
  const top = gridBottom(v) + LANE_PAD;
  const h = Math.max(1, v.laneHeight - 2 * LANE_PAD);
  return Math.round(Math.min(127, Math.max(1, ((top + h - y) / h) * 127)));
}
