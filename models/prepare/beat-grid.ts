import { GRID_PER_BEAT } from "../tokenizer";

/** Fractional beat index of a time, interpolating between annotated beats (extrapolating past either end). */
export function beatPosition(beatTimes: readonly number[], sec: number): number {
  const n = beatTimes.length;
  if (n < 2) throw new RangeError("need at least two beats to interpolate");
  let lo = 0;
  let hi = n - 1;
  if (sec <= beatTimes[0]) hi = 1;
  else if (sec >= beatTimes[n - 1]) lo = n - 2;
  else {
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (beatTimes[mid] <= sec) lo = mid;
      else hi = mid;
    }
  }
  if (hi !== lo + 1) hi = lo + 1;
  return lo + (sec - beatTimes[lo]) / (beatTimes[hi] - beatTimes[lo]);
}

export const toGrid = (beats: number): number => Math.round(beats * GRID_PER_BEAT) + 0; // + 0 turns -0 into 0

/** A run of bars of equal length: bar k starts at beat firstBeat + k * beatsPerBar. */
export interface BarRun {
  firstBeat: number;
  bars: number;
}

/**
 * Maximal runs of consecutive downbeats exactly `beatsPerBar` apart. Annotated bars of another length
 * (pickups, half bars, tracking errors) end a run, so every window keeps a constant bar length.
 */
export function regularRuns(downbeats: readonly number[], beatsPerBar: number, totalBeats: number, minBars: number): BarRun[] {
  const marks = [...downbeats];
  const last = marks[marks.length - 1];
  if (last !== undefined && last + beatsPerBar <= totalBeats) marks.push(last + beatsPerBar); // the final bar, if its beats exist
  const runs: BarRun[] = [];
  let start = 0;
  for (let i = 1; i <= marks.length; i++) {
    if (i < marks.length && marks[i] - marks[i - 1] === beatsPerBar) continue;
    const bars = i - 1 - start;
    if (bars >= minBars) runs.push({ firstBeat: marks[start], bars });
    start = i;
  }
  return runs;
}

/** The most frequent gap between downbeats (ties: the smaller), i.e. the piece's usual bar length in beats. */
export function usualBarLength(downbeats: readonly number[]): number {
  const counts = new Map<number, number>();
  for (let i = 1; i < downbeats.length; i++) {
    const g = downbeats[i] - downbeats[i - 1];
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  let best = 4;
  let bestCount = 0;
  for (const [g, c] of [...counts].sort((a, b) => a[0] - b[0])) if (c > bestCount) [best, bestCount] = [g, c];
  return best;
}
