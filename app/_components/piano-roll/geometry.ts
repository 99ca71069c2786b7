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
  pxPerTick: number; // horizontal zoom
  rowHeight: number; // px per semitone
  scrollTick: number; // tick at the left edge of the grid
  topPitch: number; // pitch of the highest visible row
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
  pxPerTick: 0.1, // a 4/4 bar is 192 px
  rowHeight: 10,
  scrollTick: 0,
  topPitch: 84,
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

export type Area = "keys" | "ruler" | "grid" | "corner";

export function areaAt(v: Viewport, p: Point): Area {
  const inKeys = p.x < v.keysWidth;
  const inRuler = p.y < v.rulerHeight;
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
  return { lo: clampPitch(yToPitch(v, v.height)), hi: clampPitch(v.topPitch) };
}

/** The bar (0-based) under an x position. */
export const barAtX = (v: Viewport, x: number, meter: Meter): number =>
  Math.max(0, Math.floor(xToTick(v, x) / ticksPerBar(meter)));

const BLACK = new Set([1, 3, 6, 8, 10]);
export const isBlackKey = (pitch: number): boolean => BLACK.has(((pitch % 12) + 12) % 12);

const NAMES = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];
export const pitchName = (pitch: number): string => `${NAMES[pitch % 12]}${Math.floor(pitch / 12) - 1}`;

/** Scrolls and zooms, keeping the viewport inside the document's range. */
export function scrollBy(v: Viewport, dTicks: number, dPitch: number): Viewport {
  const rows = Math.floor((v.height - v.rulerHeight) / v.rowHeight);
  const topPitch = Math.min(MAX_PITCH, Math.max(MIN_PITCH + rows - 1, v.topPitch + dPitch));
  return { ...v, scrollTick: Math.max(0, v.scrollTick + dTicks), topPitch };
}

export function zoomAt(v: Viewport, x: number, factor: number): Viewport {
  const pxPerTick = Math.min(1, Math.max(0.01, v.pxPerTick * factor));
  const anchor = xToTick(v, x);
  const scrollTick = Math.max(0, anchor - (x - v.keysWidth) / pxPerTick);
  return { ...v, pxPerTick, scrollTick };
}
