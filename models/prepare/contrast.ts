import { barLength, DRUM_TRACK, inRegion, type FimRegion, type TokNote, type TrackControlName } from "../tokenizer";
import type { Rng } from "./prng";

/**
 * Control contrast: training windows where a region track's density or register differs from what its context
 * implies, so the control token is the only way to predict it. Without them the model reads density from the
 * context and leaves the token unread (model 2: density followed 0.23 of the time from the token alone).
 *
 * - density, region side: some of the track's region onsets are dropped, so it plays less than its context;
 * - density, context side: some of its context onsets are dropped, so the region plays more than its context;
 * - register: the track's region notes move an octave, up or down, where they stay in 0..127 (full pitch range
 *   regions only, so every moved note stays the region's).
 *
 * Notes sharing an onset go together, so chords and a kit's hits stay whole. The contrasted control is then always
 * sent (trainingControls' `force`), measured, like every control, on the notes as they end up.
 */
export interface Contrast {
  notes: TokNote[];
  track: number;
  control: TrackControlName;
}

const KEEP_LO = 0.2;
const KEEP_HI = 0.6;

function thin(rng: Rng, notes: readonly TokNote[], drop: (n: TokNote) => boolean): TokNote[] {
  const keep = KEEP_LO + rng.next() * (KEEP_HI - KEEP_LO);
  const onsets = [...new Set(notes.filter(drop).map((n) => n.start))];
  const dropped = new Set(onsets.filter(() => rng.next() >= keep));
  if (dropped.size === onsets.length && onsets.length > 0) dropped.delete(onsets[0]); // never silence the side
  return notes.filter((n) => !(drop(n) && dropped.has(n.start)));
}

/** A contrast for one of the region's tracks, or none where the window has nothing to contrast. */
export function contrastControls(rng: Rng, notes: readonly TokNote[], region: FimRegion, beatsPerBar: number): Contrast | undefined {
  const barLen = barLength(beatsPerBar);
  const inBars = (n: TokNote) => Math.floor(n.start / barLen) >= region.startBar && Math.floor(n.start / barLen) < region.endBar;
  const tracks = region.tracks.filter((t) => notes.some((n) => n.track === t && inRegion(n, region, barLen)));
  if (tracks.length === 0) return undefined;
  const track = rng.pick(tracks);
  const mine = (n: TokNote) => n.track === track && inRegion(n, region, barLen);
  const fullRange = region.pitchLo === 0 && region.pitchHi === 127;
  if (track !== DRUM_TRACK && fullRange && rng.next() < 1 / 3) {
    const up = rng.next() < 0.5 ? 12 : -12;
    const moved = notes.filter(mine);
    const shift = moved.every((n) => n.pitch + up >= 0 && n.pitch + up <= 127) ? up : -up;
    if (!moved.every((n) => n.pitch + shift >= 0 && n.pitch + shift <= 127)) return undefined;
    return { notes: notes.map((n) => (mine(n) ? { ...n, pitch: n.pitch + shift } : n)), track, control: "register" };
  }
  const context = (n: TokNote) => n.track === track && !inBars(n);
  const side = notes.some(context) && rng.next() < 0.5 ? context : mine;
  return { notes: thin(rng, notes, side), track, control: "density" };
}
