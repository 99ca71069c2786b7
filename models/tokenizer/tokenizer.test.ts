import { describe as group, expect, it } from "vitest";
import { BAR, BOS, EOS, MID, TOKENIZER_VOCAB, VOCAB_SIZE, describe, tok, tokenName } from "./vocab";
import { encodeFim, encodePrompt, type FimInput, type TokNote } from "./encode";
import { decodeBars, decodeFim } from "./decode";
import { advance, allowedNext, initialGrammar } from "./grammar";

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function randomNotes(n: number, bars: number, beatsPerBar: number, seed: number): TokNote[] {
  const r = seeded(seed);
  const barLen = beatsPerBar * 12;
  return Array.from({ length: n }, () => ({
    track: Math.floor(r() * 4),
    pitch: 20 + Math.floor(r() * 90),
    start: Math.floor(r() * bars * barLen),
    duration: 1 + Math.floor(r() * 96),
  }));
}

const key = (n: TokNote) => `${n.track}:${n.pitch}:${n.start}:${n.duration}`;
const sorted = (ns: TokNote[]) => ns.map(key).sort();

group("vocabulary", () => {
  it("has 721 ids that round-trip through describe, tandem-fim-1's 655 first and unchanged", () => {
    expect(VOCAB_SIZE).toBe(721);
    expect(TOKENIZER_VOCAB["tandem-fim-1"]).toBe(655);
    expect(tok.control("density", 0)).toBe(655);
    expect(describe(tok.key(23))).toEqual({ kind: "key", value: 23 });
    expect(describe(tok.style(15))).toEqual({ kind: "style", value: 15 });
    for (let id = 0; id < VOCAB_SIZE; id++) expect(typeof tokenName(id)).toBe("string");
    expect(describe(tok.dur(96))).toEqual({ kind: "dur", value: 96 });
    expect(describe(tok.rend(32))).toEqual({ kind: "rend", value: 32 });
    expect(describe(tok.rtrack(3))).toEqual({ kind: "rtrack", value: 3 });
    expect(() => describe(VOCAB_SIZE)).toThrow(/outside/);
  });
});

group("notes to tokens to notes", () => {
  for (const beatsPerBar of [3, 4, 7]) {
    it(`is lossless on the grid in ${beatsPerBar}/4`, () => {
      const notes = randomNotes(300, 8, beatsPerBar, beatsPerBar);
      const input: FimInput = { notes, beatsPerBar, windowBars: 8, region: { startBar: 2, endBar: 5, pitchLo: 40, pitchHi: 90, tracks: [0, 2] } };
      const { tokens, promptLength } = encodeFim(input);
      expect(tokens[0]).toBe(BOS);
      expect(tokens[promptLength - 1]).toBe(MID);
      expect(tokens.at(-1)).toBe(EOS);
      const back = decodeFim(tokens, beatsPerBar * 12);
      expect(back.region).toEqual(input.region);
      expect(sorted([...back.context, ...back.regionNotes])).toEqual(sorted(notes));
      for (const n of back.regionNotes) {
        expect(n.pitch).toBeGreaterThanOrEqual(40);
        expect([0, 2]).toContain(n.track);
      }
    });
  }
});

group("region layout at the edges", () => {
  const notes = randomNotes(120, 4, 4, 7);
  const barLen = 48;
  const cases: [string, FimInput["region"]][] = [
    ["at the start", { startBar: 0, endBar: 1, pitchLo: 0, pitchHi: 127, tracks: [0, 1, 2, 3] }],
    ["at the end (continuation)", { startBar: 3, endBar: 4, pitchLo: 0, pitchHi: 127, tracks: [0, 1, 2, 3] }],
    ["every track, whole window", { startBar: 0, endBar: 4, pitchLo: 0, pitchHi: 127, tracks: [0, 1, 2, 3] }],
    ["empty (no notes match)", { startBar: 1, endBar: 2, pitchLo: 0, pitchHi: 5, tracks: [1] }],
  ];
  for (const [name, region] of cases) {
    it(name, () => {
      const input = { notes, beatsPerBar: 4, windowBars: 4, region };
      const { tokens, promptLength } = encodeFim(input);
      const back = decodeFim(tokens, barLen);
      expect(sorted([...back.context, ...back.regionNotes])).toEqual(sorted(notes));
      // The context always lists every window bar; the region lists its own bars.
      expect(tokens.slice(0, promptLength).filter((t) => t === BAR)).toHaveLength(4);
      expect(tokens.slice(promptLength).filter((t) => t === BAR)).toHaveLength(region.endBar - region.startBar);
      if (name.startsWith("empty")) expect(tokens.slice(promptLength)).toEqual([BAR, EOS]);
      if (name.startsWith("every")) expect(back.context).toEqual([]);
    });
  }
  it("rejects a region outside the window or empty", () => {
    const base = { notes, beatsPerBar: 4, windowBars: 4 };
    expect(() => encodePrompt({ ...base, region: { startBar: 2, endBar: 2, pitchLo: 0, pitchHi: 127, tracks: [0] } })).toThrow(/non-empty/);
    expect(() => encodePrompt({ ...base, region: { startBar: 3, endBar: 5, pitchLo: 0, pitchHi: 127, tracks: [0] } })).toThrow(/inside/);
    expect(() => encodePrompt({ ...base, region: { startBar: 0, endBar: 1, pitchLo: 90, pitchHi: 80, tracks: [0] } })).toThrow(/range/);
    expect(() => encodePrompt({ ...base, region: { startBar: 0, endBar: 1, pitchLo: 0, pitchHi: 127, tracks: [] } })).toThrow(/no tracks/);
  });
});

group("decoding grammar", () => {
  it("accepts every encoded region and ends exactly at EOS", () => {
    const notes = randomNotes(200, 6, 4, 11);
    const region = { startBar: 1, endBar: 4, pitchLo: 30, pitchHi: 100, tracks: [3, 1] };
    const { tokens, promptLength } = encodeFim({ notes, beatsPerBar: 4, windowBars: 6, region });
    const s = initialGrammar(region, 48);
    const decoded = [];
    for (const id of tokens.slice(promptLength)) {
      expect(allowedNext(s)).toContain(id);
      const note = advance(s, id);
      if (note) decoded.push(note);
    }
    expect(allowedNext(s)).toEqual([]);
    expect(decoded.map((d) => ({ track: d.track, pitch: d.pitch, start: d.bar * 48 + d.pos, duration: d.duration }))).toEqual(
      decodeBars(tokens.slice(promptLength), 1, 48),
    );
  });
  it("never offers EOS before the last bar nor BAR after it", () => {
    const s = initialGrammar({ startBar: 0, endBar: 2, tracks: [0] }, 48);
    advance(s, BAR);
    expect(allowedNext(s)).not.toContain(EOS);
    advance(s, BAR);
    expect(allowedNext(s)).toContain(EOS);
    expect(allowedNext(s)).not.toContain(BAR);
    advance(s, tok.track(0));
    advance(s, tok.pos(10));
    advance(s, tok.dur(4));
    advance(s, tok.pitch(60));
    expect(allowedNext(s)).not.toContain(tok.pos(9)); // onsets never go back inside a track group
    expect(allowedNext(s)).toContain(tok.pos(10));
    advance(s, tok.pos(10));
    advance(s, tok.dur(4));
    // A second note at the same onset is written above the first, so no pitch repeats or goes down.
    expect(allowedNext(s)).not.toContain(tok.pitch(60));
    expect(allowedNext(s)).toContain(tok.pitch(61));
    advance(s, tok.pitch(127));
    expect(allowedNext(s)).not.toContain(tok.pos(10));
    advance(s, tok.pos(11));
    advance(s, tok.dur(4));
    expect(allowedNext(s)).toContain(tok.pitch(0));
  });
});
