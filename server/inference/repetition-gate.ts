/**
 * When the repetition expert (models/tokenizer/repetition.ts) may speak. Copying is right when the bar a period away
 * is music that fits here; two copies are wrong and were what users got (issue 11):
 * - silence: in an intro the bar a period earlier is empty, the expert predicts "close the bar" at a weight that leaves
 *   the network no say, and every candidate comes back empty. A prediction that closes or skips a track whose source
 *   bar is empty is dropped when the track plays elsewhere in the window: whether to play is the network's call.
 * - a bar of other harmony: where the other tracks' pitch classes there differ from this bar's (cosine of
 *   duration-weighted pitch-class profiles below HARMONY_MATCH), a copied pitch is dropped unless this bar's harmony
 *   sounds it; the rhythm still copies. (pop909 melody fills, one spread of candidates: chord tones 0.41 when every
 *   copied pitch of such a bar was dropped, 0.46 with the exception.)
 * Pure.
 */
import type { Note, Track } from "../../lib/doc-schema";
import { describe, ROLE_TO_MODEL_TRACK, type GrammarState, type Repetition, type RepetitionContext } from "../../models/tokenizer";

/** Source and target bars whose accompaniment profiles are less alike than this are different harmony. */
export const HARMONY_MATCH = 0.6;
/** A pitch class the bar's harmony gives at least this share of its weight is one a copy may bring in regardless. */
export const HARMONY_TONE = 0.1;

const DRUMS = ROLE_TO_MODEL_TRACK.drums;

/** Duration-weighted pitch classes (12 numbers) of the tracks outside the region, per window bar; null: none sound. */
export type HarmonyByBar = readonly (Float64Array | null)[];

export type RepetitionGate = (g: GrammarState, prediction: number, r: Repetition) => boolean;

export function createRepetitionGate(ctx: RepetitionContext, harmony: HarmonyByBar): RepetitionGate {
  const isRegionBar = (bar: number) => bar >= ctx.region.startBar && bar < ctx.region.endBar;
  const plays = new Set(
    ctx.region.tracks.filter((t) => [...ctx.bars].some(([bar, tracks]) => !isRegionBar(bar) && (tracks.get(t)?.length ?? 0) > 0)),
  );
  /** The window bar the expert copies for `track` in `bar`, as repetition.ts chooses it; null if none. */
  const sourceBar = (bar: number, track: number): number | null => {
    const k = ctx.period.get(track) ?? 1;
    for (const from of [bar - k, bar + k]) {
      if (from < 0 || from >= ctx.windowBars) continue;
      if (isRegionBar(from) && from > bar) continue; // a later region bar is not written yet
      return from;
    }
    return null;
  };
  const sourceIsEmpty = (r: Repetition, bar: number, track: number): boolean => {
    const from = sourceBar(bar, track);
    if (from === null) return false;
    const notes = isRegionBar(from) ? r.written.get(from)?.get(track) : ctx.bars.get(from)?.get(track);
    return (notes?.length ?? 0) === 0;
  };
  const fits = new Map<string, boolean>();
  const harmonyFits = (bar: number, track: number): boolean => {
    const key = `${bar}/${track}`;
    let ok = fits.get(key);
    if (ok === undefined) {
      const from = sourceBar(bar, track);
      const [a, b] = [harmony[bar], from === null ? null : harmony[from]];
      ok = track === DRUMS || !a || !b || cosine(a, b) >= HARMONY_MATCH;
      fits.set(key, ok);
    }
    return ok;
  };

  /** Does the bar's harmony sound this pitch class? */
  const sounds = (bar: number, pitch: number): boolean => {
    const h = harmony[bar];
    return !h || h[pitch % 12] >= HARMONY_TONE * h.reduce((a, b) => a + b, 0);
  };

  return (g, prediction, r) => {
    const { kind, value } = describe(prediction);
    if (g.last === "dur") return kind !== "pitch" || harmonyFits(g.bar, g.track) || sounds(g.bar, value);
    if ((g.last !== "bar" && g.last !== "pitch") || kind === "pos") return true;
    // A track or a closer ends the current track's bar (after a note) and skips the region tracks before it: that copies
    // silence when one of them has an empty source bar and plays elsewhere.
    const upTo = kind === "track" ? value : Infinity;
    const from = g.last === "bar" ? -1 : g.track - 1;
    return !g.tracks.some((t) => t > from && t < upTo && plays.has(t) && sourceIsEmpty(r, g.bar, t));
  };
}

/**
 * The harmony of each window bar: the pitch classes of the tracks outside the region (drums aside), weighted by how
 * long they sound in the bar.
 */
export function contextHarmony(p: {
  notes: readonly Note[];
  region: { trackIds: readonly string[] };
  tracks: readonly (Track & { id: string })[];
  fromTick: number; // the window's first tick
  barTicks: number;
  bars: number; // in the window
}): HarmonyByBar {
  const drums = new Set(p.tracks.filter((t) => t.role === "drums").map((t) => t.id));
  const out: (Float64Array | null)[] = Array.from({ length: p.bars }, () => null);
  for (const n of p.notes) {
    if (p.region.trackIds.includes(n.track) || drums.has(n.track)) continue;
    const start = (n.start - p.fromTick) / p.barTicks;
    const end = start + n.duration / p.barTicks;
    for (let bar = Math.max(0, Math.floor(start)); bar < Math.min(p.bars, Math.ceil(end)); bar++) {
      const h = (out[bar] ??= new Float64Array(12));
      h[n.pitch % 12] += Math.min(end, bar + 1) - Math.max(start, bar);
    }
  }
  return out;
}

function cosine(a: Float64Array, b: Float64Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < 12; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 1;
}
