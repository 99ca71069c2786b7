import {
  barLength,
  inRegion,
  measureRegion,
  TRACK_CONTROLS,
  type FimRegion,
  type RegionControls,
  type Style,
  type TokNote,
  type TrackControlName,
  windowKey,
} from "../tokenizer";
import type { Rng } from "./prng";

/** A quarter of the regions train with no control at all (auto); in the rest each control is left out this often. */
export const ALL_AUTO_SHARE = 0.25;
export const DROP_SHARE = 0.35;

/**
 * The controls a training region is conditioned on: what its own notes achieve (per region track), the piece's
 * style tag and the window's estimated key, each dropped at random so that a request without them still works.
 * A `force`d control (a contrast window's, contrast.ts) is always sent, even in a window drawn all auto.
 */
export function trainingControls(
  rng: Rng,
  notes: TokNote[],
  region: FimRegion,
  beatsPerBar: number,
  style: Style | undefined,
  force?: { track: number; control: TrackControlName },
): RegionControls {
  if (rng.next() < ALL_AUTO_SHARE && !force) return {};
  const inside = notes.filter((n) => inRegion(n, region, barLength(beatsPerBar)));
  const measured = measureRegion(inside, region, beatsPerBar);
  const out: RegionControls = { tracks: {} };
  for (const t of region.tracks) {
    const kept: Record<string, number> = {};
    for (const name of TRACK_CONTROLS) {
      const value = measured[t]?.[name];
      if (value === undefined) continue;
      const drawn = rng.next() >= DROP_SHARE;
      if (drawn || (force?.track === t && force.control === name)) kept[name] = value;
    }
    out.tracks![t] = kept;
  }
  if (style !== undefined && rng.next() >= DROP_SHARE) out.style = style;
  const key = windowKey(notes);
  if (key !== undefined && rng.next() >= DROP_SHARE) out.key = key;
  return out;
}
