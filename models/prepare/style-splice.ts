import { barLength, DRUM_TRACK, type FimRegion, type Style, type TokNote } from "../tokenizer";
import type { Piece } from "./piece";
import type { Rng } from "./prng";

/**
 * Style contrast: a training window whose region is drums of another style than its context's, spliced from a
 * groove-midi training take of that style, with that style's token always sent. In a groove take the region's own
 * drums are replaced (a funk bar in a rock take's place); in a pop909 song, which has no drums, the region is the
 * drums alone (the product's "drums in this style for our song"). Without such windows the context names the style,
 * and model 2 left the style token unread (told apart at chance).
 */

/** Styles with fewer training takes than this are not spliced (model:fit-styles keeps the same 15). */
export const MIN_STYLE_TAKES = 15;

/** Drum bars of training takes, by bar length and style: a take's bars, each its notes from the bar's start. */
export type DrumPool = Map<number, Map<Style, TokNote[][][]>>;

export function drumPool(pieces: Iterable<Piece>): DrumPool {
  const pool: DrumPool = new Map();
  for (const piece of pieces) {
    if (!piece.style || !piece.tracks.includes(DRUM_TRACK)) continue;
    for (const s of piece.segments) {
      const barLen = barLength(s.beatsPerBar);
      const bars: TokNote[][] = Array.from({ length: s.bars }, () => []);
      for (const n of s.notes) if (n.track === DRUM_TRACK) bars[Math.floor(n.start / barLen)].push({ ...n, start: n.start % barLen });
      const byStyle = pool.get(s.beatsPerBar) ?? new Map<Style, TokNote[][][]>();
      pool.set(s.beatsPerBar, byStyle);
      const takes = byStyle.get(piece.style) ?? [];
      takes.push(bars);
      byStyle.set(piece.style, takes);
    }
  }
  for (const byStyle of pool.values()) for (const [style, takes] of byStyle) if (takes.length < MIN_STYLE_TAKES) byStyle.delete(style);
  return pool;
}

export interface Splice {
  notes: TokNote[];
  region: FimRegion;
  style: Style;
}

/** Drums of another style in the region's bars, or none where the pool has no take to splice from. */
export function spliceStyle(rng: Rng, notes: readonly TokNote[], region: FimRegion, beatsPerBar: number, own: Style | undefined, pool: DrumPool): Splice | undefined {
  const styles = [...(pool.get(beatsPerBar)?.keys() ?? [])].filter((s) => s !== own);
  if (styles.length === 0) return undefined;
  const style = rng.pick(styles);
  const len = region.endBar - region.startBar;
  const takes = pool.get(beatsPerBar)!.get(style)!.filter((bars) => bars.length >= len && bars.some((b) => b.length > 0));
  if (takes.length === 0) return undefined;
  const take = rng.pick(takes);
  const from = rng.int(0, take.length - len);
  const barLen = barLength(beatsPerBar);
  const inBars = (n: TokNote) => n.start >= region.startBar * barLen && n.start < region.endBar * barLen;
  const spliced = take.slice(from, from + len).flatMap((bar, i) => bar.map((n) => ({ ...n, start: (region.startBar + i) * barLen + n.start })));
  if (spliced.length === 0) return undefined;
  const kept = notes.filter((n) => !(n.track === DRUM_TRACK && inBars(n)));
  return {
    notes: [...kept, ...spliced].sort((a, b) => a.start - b.start || a.track - b.track || a.pitch - b.pitch),
    region: { startBar: region.startBar, endBar: region.endBar, pitchLo: 0, pitchHi: 127, tracks: [DRUM_TRACK] },
    style,
  };
}
