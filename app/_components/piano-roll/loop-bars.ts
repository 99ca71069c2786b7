/**
 * The piano roll's loop (ticks, set by a ruler drag or L) and the transport's loop (whole bars, in
 * the listener's transport settings) are one loop: these convert between the two.
 */
import type { LoopRegion } from "./gestures/types";

export interface LoopBars {
  on: boolean;
  startBar: number; // 0-based
  endBar: number; // exclusive
}

export function loopToBars(loop: LoopRegion | null, tpb: number, previous: LoopBars): LoopBars {
  if (!loop || loop.endTick <= loop.startTick) return { ...previous, on: false };
  const startBar = Math.max(0, Math.floor(loop.startTick / tpb));
  return { on: true, startBar, endBar: Math.max(startBar + 1, Math.ceil(loop.endTick / tpb)) };
}

/** "bars 2–4" (1-based, inclusive), for the loop label. */
export const loopLabel = (loop: LoopRegion, tpb: number): string => {
  const a = Math.floor(loop.startTick / tpb) + 1;
  const b = Math.ceil(loop.endTick / tpb);
  return a === b ? `bar ${a}` : `bars ${a}–${b}`;
};
