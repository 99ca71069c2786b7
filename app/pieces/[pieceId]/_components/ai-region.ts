/** The AI's region (the editor store holds it, editor-state.ts) as people type it, and as a request sends it. */
import { ticksPerBar, type Meter } from "@/lib/time";
import type { AiRegion } from "@/app/_components/piano-roll/editor-state";
import type { BarRange } from "@/app/_components/piano-roll/gestures/types";
import type { Region } from "@/lib/region";

/** 1-based inclusive bar numbers, as people type them, to the 0-based exclusive range. */
export function rangeFromBars(first: number, last: number): BarRange | null {
  if (!Number.isInteger(first) || !Number.isInteger(last) || first < 1 || last < 1) return null;
  return { startBar: Math.min(first, last) - 1, endBar: Math.max(first, last) };
}

/**
 * The region a request sends. An infill writes into the selected bars; a continue sends the bars it
 * continues from (from the selection's start, or the first bar, to the piece's end) and the server writes after them.
 */
export function requestRegion(
  mode: "infill" | "continue",
  r: AiRegion,
  allTrackIds: readonly string[],
  lastTick: number,
  meter: Meter,
): Region | null {
  const trackIds = [...(r.trackIds ?? allTrackIds)];
  const base = { pitchLo: Math.min(r.pitchLo, r.pitchHi), pitchHi: Math.max(r.pitchLo, r.pitchHi), trackIds };
  if (mode === "infill") return r.range ? { ...r.range, ...base } : null;
  // The model continues after the piece's last note, so the context always reaches the end.
  const endBar = Math.max(1, r.range?.endBar ?? 0, Math.ceil(lastTick / ticksPerBar(meter)));
  return { startBar: r.range?.startBar ?? 0, endBar, ...base };
}
