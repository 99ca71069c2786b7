/**
 * How far the roll reaches in time, and where the view is within it (pure, tested): the piece's last note plus a
 * few bars to write past it. The zoom goes out until all of it fits the grid, scrolling stops at its end, and the
 * time scrollbar shows the view as a share of it.
 */
import { ticksPerBar, type Meter } from "@/lib/time";
import { gridWidth, maxScrollTick, type Viewport } from "./geometry";

/** Empty bars after the piece's last note that the view reaches, to write past the end. */
export const ROOM_BARS = 4;
/** A short or empty piece still reaches this many bars: room to start writing, and a zoom that stays readable. */
export const MIN_EXTENT_BARS = 16;

/** The tick the view reaches: the bar after `lastTick` (the piece's last note end) plus ROOM_BARS, at least MIN_EXTENT_BARS. */
export function extentTick(lastTick: number, meter: Meter): number {
  if (!(lastTick >= 0)) throw new Error(`The end of a piece is a tick of 0 or more, not ${lastTick}`);
  const bar = ticksPerBar(meter);
  return Math.max(MIN_EXTENT_BARS, Math.ceil(lastTick / bar) + ROOM_BARS) * bar;
}

/** The thumb of the time scrollbar, as shares (0..1) of its track: where the view starts and how much of the piece it shows. */
export function thumbOf(v: Viewport): { start: number; size: number } {
  if (!Number.isFinite(v.endTick) || v.endTick <= 0) return { start: 0, size: 1 };
  const size = Math.min(1, gridWidth(v) / v.pxPerTick / v.endTick);
  return { start: Math.min(1 - size, v.scrollTick / v.endTick), size };
}

/** The scroll position that puts the thumb's start at `share` (0..1) of the track, kept in range. */
export function scrollTickAtShare(v: Viewport, share: number): number {
  if (!Number.isFinite(v.endTick)) return v.scrollTick;
  return Math.min(maxScrollTick(v), Math.max(0, share * v.endTick));
}

/** What the scrollbar says to assistive technology: the bars in view (1-based) and the bars there are. */
export function scrollbarValues(v: Viewport, meter: Meter): { now: number; max: number; text: string } {
  const bar = ticksPerBar(meter);
  const first = Math.floor(v.scrollTick / bar) + 1;
  const last = Math.max(first, Math.ceil((v.scrollTick + gridWidth(v) / v.pxPerTick) / bar));
  const bars = Number.isFinite(v.endTick) ? Math.round(v.endTick / bar) : last;
  const max = Number.isFinite(v.endTick) ? Math.floor(maxScrollTick(v) / bar) + 1 : first;
  return { now: first, max, text: `Bars ${first} to ${Math.min(last, bars)} of ${bars}` };
}
