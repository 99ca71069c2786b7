import { barLength, type FimRegion, type TokNote } from "../tokenizer";
import type { Rng } from "./prng";

export const CONTINUATION_SHARE = 0.25;
const MAX_REGION_BARS = 4;

/**
 * A seeded random region for a window: a continuation (the last bars, nothing after them) a quarter of the time,
 * otherwise an infill of 1-4 bars; all of the piece's tracks, one of them or two; the full pitch range, a range
 * around the region's notes (as a user's selection would be) or a range that cuts some of them out.
 */
export function pickRegion(rng: Rng, windowBars: number, tracks: number[], notes: TokNote[], beatsPerBar: number): FimRegion {
  const maxLen = Math.min(MAX_REGION_BARS, windowBars);
  let startBar: number;
  let endBar: number;
  if (rng.next() < CONTINUATION_SHARE) {
    const len = rng.int(1, Math.max(1, Math.min(maxLen, windowBars - 1)));
    startBar = windowBars - len;
    endBar = windowBars;
  } else {
    const len = rng.int(1, maxLen);
    startBar = rng.int(0, windowBars - len);
    endBar = startBar + len;
  }

  let regionTracks = tracks;
  const t = rng.next();
  if (tracks.length > 1 && t < 0.35) regionTracks = [rng.pick(tracks)];
  else if (tracks.length > 2 && t < 0.5) {
    const drop = rng.pick(tracks);
    regionTracks = tracks.filter((x) => x !== drop);
  }

  const barLen = barLength(beatsPerBar);
  const pitches = notes
    .filter((n) => regionTracks.includes(n.track) && n.start >= startBar * barLen && n.start < endBar * barLen)
    .map((n) => n.pitch)
    .sort((a, b) => a - b);
  let pitchLo = 0;
  let pitchHi = 127;
  const p = rng.next();
  if (pitches.length > 0 && p < 0.3) {
    pitchLo = Math.max(0, pitches[0] - rng.int(0, 12));
    pitchHi = Math.min(127, pitches[pitches.length - 1] + rng.int(0, 12));
  } else if (pitches.length > 1 && p < 0.5) {
    const half = Math.floor(pitches.length / 2);
    pitchLo = pitches[rng.int(0, half)];
    pitchHi = Math.max(pitchLo, pitches[rng.int(half, pitches.length - 1)]);
  }
  return { startBar, endBar, pitchLo, pitchHi, tracks: [...regionTracks].sort((a, b) => a - b) };
}
