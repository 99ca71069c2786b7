import { describe, expect, it } from "vitest";
import { barLength, DRUM_TRACK, GRID_PER_BEAT, STYLES, tok, type FimRegion, type Style, type TokNote } from "../tokenizer";
import { cutWindows } from "./windows";
import type { Piece } from "./piece";
import { createRng } from "./prng";
import { drumPool, MIN_STYLE_TAKES, spliceStyle } from "./style-splice";

const BEATS = 4;
const BAR = barLength(BEATS);
/** A take of `bars` bars whose kick plays on the beats `beats` of each bar, so a spliced bar tells its style. */
function take(style: Style, beats: number[], bars = 6, id: string = style): Piece {
  const notes: TokNote[] = [];
  for (let b = 0; b < bars; b++) for (const beat of beats) notes.push({ track: DRUM_TRACK, pitch: 36, start: b * BAR + beat * GRID_PER_BEAT, duration: 1, velocity: 90 });
  return { source: "groove", id, split: "train", tracks: [DRUM_TRACK], pitched: false, style, segments: [{ beatsPerBar: BEATS, bars, notes }] };
}
const takes = (style: Style, beats: number[], n = MIN_STYLE_TAKES) => Array.from({ length: n }, (_, i) => take(style, beats, 6, `${style}/${i}`));
const pool = drumPool([...takes("funk", [0, 1, 2, 3]), ...takes("jazz", [0, 2]), ...takes("latin", [1], MIN_STYLE_TAKES - 1)]);

/** Eight bars of a pop song: a melody, no drums. */
const song: TokNote[] = Array.from({ length: 32 }, (_, i) => ({ track: 0, pitch: 60 + (i % 7), start: i * GRID_PER_BEAT, duration: GRID_PER_BEAT, velocity: 80 }));
const region: FimRegion = { startBar: 2, endBar: 4, pitchLo: 50, pitchHi: 80, tracks: [0] };

describe("style splice", () => {
  it("pools training takes' bars by style, and leaves out styles with too few takes", () => {
    expect([...pool.get(BEATS)!.keys()].sort()).toEqual(["funk", "jazz"]);
    expect(pool.get(BEATS)!.get("jazz")![0][3].map((n) => n.start)).toEqual([0, 2 * GRID_PER_BEAT]);
  });

  it("gives a pop song's region drums of a style, in the region's bars alone, named by the splice", () => {
    const seen = new Set<Style>();
    for (let i = 0; i < 20; i++) {
      const s = spliceStyle(createRng(`song/${i}`), song, region, BEATS, "pop", pool)!;
      seen.add(s.style);
      expect(s.region).toEqual({ startBar: 2, endBar: 4, pitchLo: 0, pitchHi: 127, tracks: [DRUM_TRACK] });
      const drums = s.notes.filter((n) => n.track === DRUM_TRACK);
      expect(drums.every((n) => n.start >= 2 * BAR && n.start < 4 * BAR)).toBe(true);
      expect(drums).toHaveLength(s.style === "funk" ? 8 : 4);
      expect(s.notes.filter((n) => n.track !== DRUM_TRACK)).toEqual(song);
    }
    expect(seen).toEqual(new Set(["funk", "jazz"]));
  });

  it("replaces a take's own region drums with another style's, and keeps its context", () => {
    const own = take("jazz", [0, 2], 8).segments[0].notes;
    const drumsRegion = { ...region, tracks: [DRUM_TRACK] };
    for (let i = 0; i < 10; i++) {
      const s = spliceStyle(createRng(`take/${i}`), own, drumsRegion, BEATS, "jazz", pool)!;
      expect(s.style).toBe("funk");
      const inBars = (n: TokNote) => n.start >= 2 * BAR && n.start < 4 * BAR;
      expect(s.notes.filter(inBars)).toHaveLength(8);
      expect(s.notes.filter((n) => !inBars(n))).toEqual(own.filter((n) => !inBars(n)));
    }
    expect(spliceStyle(createRng("none"), own, drumsRegion, 3, "jazz", pool)).toBeUndefined(); // no 3/4 takes
  });

  it("writes the spliced style's token into a training window's region", () => {
    const piece: Piece = { source: "pop909", id: "song", split: "train", tracks: [0], pitched: true, style: "pop", segments: [{ beatsPerBar: BEATS, bars: 8, notes: song }] };
    const plain = cutWindows(piece, piece.segments[0], createRng("w"), true);
    const spliced = cutWindows(piece, piece.segments[0], createRng("w"), true, { rng: createRng("c"), share: 0, styleShare: 1, pool });
    const styleTokens = (tokens: number[]) => tokens.filter((t) => t >= tok.style(0) && t < tok.style(STYLES.length));
    expect(spliced.length).toBe(plain.length);
    for (const seq of spliced) {
      expect(seq.tokens).toContain(tok.rtrack(DRUM_TRACK));
      expect(styleTokens(seq.tokens)).toHaveLength(1);
      expect(["funk", "jazz"]).toContain(STYLES[styleTokens(seq.tokens)[0] - tok.style(0)]);
    }
    expect(plain.some((seq) => seq.tokens.includes(tok.rtrack(DRUM_TRACK)))).toBe(false);
  });
});
