/**
 * Control tokens of tokenizer `tandem-fim-2`: what a region track should sound like (density, polyphony, energy,
 * register, rhythmic activity, as buckets) and what the region as a whole is (style, key). Each is optional: a
 * control left out is "auto", and training drops them at random so that auto keeps working.
 */
import { CONTROL_EDGES, PITCH_NAMES, STYLES, type Style, type TrackControlName } from "../../lib/controls";
import { estimateKey, type Key as LibKey } from "../../lib/key";
import type { FimRegion, TokNote } from "./encode";
import { GRID_PER_BEAT } from "./grid";

export { CONTROL_EDGES, controlBuckets, PITCH_NAMES, STYLES, TRACK_CONTROLS, type Style, type TrackControlName } from "../../lib/controls";

/** A groove-midi style label ("funk/groove1", "latin/brazilian-samba") as a style tag; unknown ones have none. */
export function styleOfLabel(label: string): Style | undefined {
  const head = label.split("/")[0].trim().toLowerCase();
  return (STYLES as readonly string[]).includes(head) ? (head as Style) : undefined;
}

/** A key is a tonic pitch class and a mode; its token index is tonic * 2 + (minor ? 1 : 0). */
export type Key = Pick<LibKey, "tonic" | "mode">;
export const keyIndex = (k: Key): number => k.tonic * 2 + (k.mode === "minor" ? 1 : 0);
export const keyOfIndex = (i: number): Key => ({ tonic: Math.floor(i / 2), mode: i % 2 === 1 ? "minor" : "major" });
export const keyName = (k: Key): string => `${PITCH_NAMES[k.tonic]} ${k.mode}`;

export type TrackControls = Partial<Record<TrackControlName, number>>;

/** Requested controls: per model track, and for the region as a whole. Anything absent is auto. */
export interface RegionControls {
  tracks?: Partial<Record<number, TrackControls>>;
  style?: Style;
  key?: Key;
}

export function bucketOf(name: TrackControlName, value: number): number {
  const edges = CONTROL_EDGES[name];
  let b = 0;
  while (b < edges.length && value >= edges[b]) b++;
  return b;
}

export const DRUM_TRACK = 3;

/**
 * What one track's notes in a region achieve, as buckets: the figures a request is checked against. Register is
 * left out for drums (their pitches name instruments) and, like polyphony and energy, for a silent track.
 */
export function measureTrack(notes: readonly TokNote[], track: number, bars: number, beatsPerBar: number): TrackControls {
  const mine = notes.filter((n) => n.track === track);
  const out: TrackControls = { density: bucketOf("density", mine.length / Math.max(1, bars)) };
  const sixteenths = bars * beatsPerBar * 4;
  const onsets = new Set(mine.map((n) => n.start));
  out.activity = bucketOf("activity", new Set(mine.map((n) => Math.floor(n.start / (GRID_PER_BEAT / 4)))).size / Math.max(1, sixteenths));
  if (mine.length === 0) return out;
  out.polyphony = bucketOf("polyphony", mine.length / onsets.size);
  const velocities = mine.filter((n) => n.velocity !== undefined).map((n) => n.velocity as number);
  if (velocities.length > 0) out.energy = bucketOf("energy", velocities.reduce((a, b) => a + b, 0) / velocities.length);
  if (track !== DRUM_TRACK) out.register = bucketOf("register", mine.reduce((a, n) => a + n.pitch, 0) / mine.length);
  return out;
}

/** The controls a region's own notes achieve, for every region track (what training conditions on). */
export function measureRegion(inside: readonly TokNote[], region: FimRegion, beatsPerBar: number): Partial<Record<number, TrackControls>> {
  const out: Partial<Record<number, TrackControls>> = {};
  const bars = region.endBar - region.startBar;
  for (const t of region.tracks) out[t] = measureTrack(inside, t, bars, beatsPerBar);
  return out;
}

/** The key of a window's pitched notes (lib/key.ts, lengths capped at a bar); none for fewer than 8 notes. */
export function windowKey(notes: readonly TokNote[]): Key | undefined {
  const pitched = notes.filter((n) => n.track !== DRUM_TRACK);
  if (pitched.length < 8) return undefined;
  const { tonic, mode } = estimateKey(pitched.map((n) => ({ pitch: n.pitch, duration: Math.min(n.duration, GRID_PER_BEAT * 4) })));
  return { tonic, mode };
}
