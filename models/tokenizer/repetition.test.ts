import { describe as group, expect, it } from "vitest";
import { encodeFim, type TokNote } from "./encode";
import { advance, initialGrammar } from "./grammar";
import {
  createRepetition,
  mixedLogProb,
  predictRepetition,
  recordRepetition,
  repetitionBias,
  repetitionContext,
} from "./repetition";
import { MAX_POS, MID } from "./vocab";

const BAR = 48; // 4/4 on the 12-a-beat grid

/** Track 0 plays `riff(bar)` in every bar of an 8-bar window; the region is bars 4-6 of track 0. */
function fim(riff: (bar: number) => [number, number, number][]) {
  const notes: TokNote[] = [];
  for (let bar = 0; bar < 8; bar++) for (const [pos, dur, pitch] of riff(bar)) notes.push({ track: 0, pitch, start: bar * BAR + pos, duration: dur });
  notes.push({ track: 3, pitch: 36, start: 0, duration: 3 }); // another track, outside the region
  return encodeFim({ notes, beatsPerBar: 4, windowBars: 8, region: { startBar: 4, endBar: 6, pitchLo: 0, pitchHi: 127, tracks: [0] } });
}

/** Walks the target tokens, returning the expert's prediction before each one. */
function walk(seq: { tokens: number[]; promptLength: number }) {
  const ctx = repetitionContext(seq.tokens.slice(0, seq.promptLength));
  const rep = createRepetition(ctx);
  const g = initialGrammar({ startBar: 4, endBar: 6, tracks: [0] }, MAX_POS);
  const out: { id: number; predicted: number | null }[] = [];
  for (const id of seq.tokens.slice(seq.promptLength)) {
    out.push({ id, predicted: predictRepetition(rep, g) });
    const note = advance(g, id);
    if (note) recordRepetition(rep, note);
  }
  return { ctx, out };
}

group("repetition expert", () => {
  it("finds the period a track repeats at", () => {
    const two = (bar: number): [number, number, number][] => (bar % 2 === 0 ? [[0, 12, 60], [24, 12, 64]] : [[12, 6, 67], [36, 6, 65]]);
    expect(walk(fim(two)).ctx.period.get(0)).toBe(2);
    expect(walk(fim(() => [[0, 12, 60]])).ctx.period.get(0)).toBe(1);
  });

  it("predicts every token of a region that repeats its context, chords included", () => {
    const seq = fim(() => [[0, 12, 60], [0, 12, 64], [24, 6, 67], [36, 12, 62]]);
    expect(seq.tokens[seq.promptLength - 1]).toBe(MID);
    const { out } = walk(seq);
    const predicted = out.filter((s) => s.predicted !== null);
    expect(predicted.length).toBe(out.length - 1); // all but the first BAR (the grammar's, after MID)
    expect(predicted.every((s) => s.predicted === s.id)).toBe(true);
  });

  it("says nothing where the source bar has no note at that onset, and copies the region's own earlier bar", () => {
    const seq = fim((bar) => (bar === 4 || bar === 5 ? [[24, 12, 72]] : [[0, 12, 60]]));
    const { out } = walk(seq);
    const secondBar = out.findIndex((s, i) => i > 0 && s.id === out[0].id); // the region's second BAR
    const first = out.slice(1, secondBar); // TRACK POS DUR PITCH of bar 4, against bar 3's [0, 12, 60]
    expect(first.map((s) => s.predicted === s.id)).toEqual([true, false, false, false]);
    expect(first.slice(2).map((s) => s.predicted)).toEqual([null, null]);
    const second = out.slice(secondBar); // bar 5 against the written bar 4, then EOS
    expect(second.every((s) => s.predicted === s.id)).toBe(true);
  });

  it("mixes probabilities, and its logit bias samples exactly the mixture", () => {
    const logits = [1.5, 0.2, -1, 0.7];
    const z = logits.reduce((a, x) => a + Math.exp(x), 0);
    const p = logits.map((x) => Math.exp(x) / z);
    const lambda = 0.4;
    const pred = 1;
    const biased = logits.map((x, i) => x + (i === pred ? repetitionBias(Math.log(p[pred]), lambda) : 0));
    const zb = biased.reduce((a, x) => a + Math.exp(x), 0);
    biased.forEach((x, i) => {
      const mixture = (1 - lambda) * p[i] + (i === pred ? lambda : 0);
      expect(Math.exp(x) / zb).toBeCloseTo(mixture, 10);
      expect(Math.exp(mixedLogProb(Math.log(p[i]), i === pred, lambda))).toBeCloseTo(mixture, 10);
    });
    expect(mixedLogProb(-2, null, lambda)).toBe(-2);
    expect(mixedLogProb(-2, false, 0)).toBe(-2);
  });
});
