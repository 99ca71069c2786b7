import { describe, expect, it } from "vitest";
import { encodeFim, type TokNote } from "../tokenizer";
import { fitLambdas, mixedLikelihood, repetitionSteps, stepBits, type RepetitionStep } from "./repetition-steps";

const step = (hit: boolean, over: Partial<RepetitionStep> = {}): RepetitionStep => ({
  index: 0,
  kind: "pitch",
  modelLogProb: Math.log(0.1),
  prediction: 7,
  hit,
  ...over,
});

describe("fitting the repetition weights", () => {
  it("finds the likelihood's maximum: 60 hits and 40 misses at model probability 0.1 give λ = 5/9", () => {
    // d/dλ [60 log(0.1 (1 - λ) + λ) + 40 log(0.1 (1 - λ))] = 0  <=>  54 (1 - λ) = 40 (0.1 + 0.9 λ)  <=>  λ = 50/90
    const steps = [...Array.from({ length: 60 }, () => step(true)), ...Array.from({ length: 40 }, () => step(false))];
    const w = fitLambdas(steps);
    expect(w.pitch).toBeCloseTo(50 / 90, 2);
    expect(w.pos).toBe(0); // no steps of that kind: the transformer alone
    expect(mixedLikelihood(steps, "pitch", w.pitch)).toBeGreaterThan(mixedLikelihood(steps, "pitch", 0));
  });

  it("keeps λ at 0 when the expert is always wrong, and counts unpredicted steps as the model's", () => {
    const steps = [step(false), step(false), step(false, { prediction: null })];
    expect(fitLambdas(steps).pitch).toBe(0);
    expect(stepBits(steps, fitLambdas(steps))).toBeCloseTo((3 * -Math.log(0.1)) / Math.LN2, 10);
  });

  it("walks a real FIM sequence: a region that repeats its context is predicted token by token", () => {
    const notes: TokNote[] = [];
    for (let bar = 0; bar < 6; bar++) notes.push({ track: 1, pitch: 62, start: bar * 48 + 12, duration: 12 }, { track: 1, pitch: 65, start: bar * 48 + 36, duration: 6 });
    const seq = encodeFim({ notes, beatsPerBar: 4, windowBars: 6, region: { startBar: 2, endBar: 4, pitchLo: 0, pitchHi: 127, tracks: [1] } });
    const steps = repetitionSteps(seq.tokens, seq.promptLength, () => Math.log(0.5));
    expect(steps.length).toBe(seq.tokens.length - seq.promptLength);
    expect(steps[0].kind).toBeNull(); // the BAR after MID
    expect(steps.slice(1).every((s) => s.hit)).toBe(true);
    expect(fitLambdas(steps).dur).toBe(0.99);
  });
});
