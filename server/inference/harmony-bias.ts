/**
 * The harmony the other tracks sound, as a pull on the pitches the decoder chooses. On pop909 melody fills the model
 * knew the key (99% of its notes in it) but not the chord: 40% of its notes were chord tones, as many as random notes
 * in the key, against 58% of the originals (models/eval/melody-fill.ts). The chord under a note is in the prompt, but
 * finding it means counting bars back into the context, which a 4-layer model does poorly. The server knows it
 * exactly, so a pitched note's pitch classes that the context's other tracks sound at its onset get HARMONY_BIAS added
 * to their logits. Pure.
 */
import { isDrumTrack, type Note, type Track } from "../../lib/doc-schema";
import { TICKS_PER_GRID } from "../../models/tokenizer";

/** A chord tone is e^HARMONY_BIAS times likelier than the model alone makes it (server/inference/README.md). */
export const HARMONY_BIAS = 1;

/** Per grid tick of the window, a 12-bit mask of the pitch classes sounding there (0: none known). */
export type HarmonyMask = Uint16Array;

export function harmonyMask(p: {
  notes: readonly Note[]; // the context: notes of the window outside the region
  regionTrackIds: readonly string[];
  tracks: readonly (Track & { id: string })[];
  fromTick: number; // the window's first document tick
  gridTicks: number; // the window's length on the grid
}): HarmonyMask {
  const out = new Uint16Array(p.gridTicks);
  const skip = new Set([...p.regionTrackIds, ...p.tracks.filter((t) => isDrumTrack(t)).map((t) => t.id)]);
  for (const n of p.notes) {
    if (skip.has(n.track)) continue;
    const from = Math.max(0, Math.round((n.start - p.fromTick) / TICKS_PER_GRID));
    const to = Math.min(p.gridTicks, Math.round((n.start + n.duration - p.fromTick) / TICKS_PER_GRID));
    const bit = 1 << n.pitch % 12;
    for (let t = from; t < to; t++) out[t] |= bit;
  }
  return out;
}

/** The logit a pitch gets at a grid tick: the bias where it is a chord tone of a known harmony, else 0. */
export const harmonyBias = (mask: HarmonyMask | undefined, tick: number, pitch: number, bias: number): number =>
  mask && tick >= 0 && tick < mask.length && mask[tick] !== 0 && (mask[tick] & (1 << pitch % 12)) !== 0 ? bias : 0;
