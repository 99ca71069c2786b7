import { describe, expect, it } from "vitest";
import { trainNgram } from "./ngram";

const V = 20;
const sum = (f: (w: number) => number) => Array.from({ length: V }, (_, w) => 2 ** f(w)).reduce((a, b) => a + b, 0);

describe("trainNgram (interpolated Kneser-Ney)", () => {
  const repeated = Array.from({ length: 50 }, (_, i) => [3, 4, 5, 6, 7][i % 5]);
  const model = trainNgram([repeated], 4, V);

  it("gives a repeated sequence a low NLL", () => {
    let bits = 0;
    for (let i = 10; i < repeated.length; i++) bits -= model.log2Prob(repeated[i], repeated.slice(0, i));
    expect(bits / (repeated.length - 10)).toBeLessThan(0.2);
  });

  it("gives an unseen continuation a high cost but never zero probability", () => {
    const lp = model.log2Prob(9, [4, 5, 6]);
    expect(Number.isFinite(lp)).toBe(true);
    expect(lp).toBeLessThan(-5);
  });

  it("sums to 1 over the vocabulary after seen, partly seen and unseen histories", () => {
    const data = [
      [1, 2, 3, 2, 3, 4, 2, 3, 2, 1],
      [1, 3, 3, 2, 4, 4, 2, 1],
    ];
    const m = trainNgram(data, 3, V);
    for (const h of [[2, 3], [9, 3], [9, 9], [], [2]]) expect(sum((w) => m.log2Prob(w, h))).toBeCloseTo(1, 10);
  });

  it("backs off: a unigram model is the discounted frequency plus a uniform share", () => {
    const m = trainNgram([[1, 1, 1, 2]], 1, V);
    expect(2 ** m.log2Prob(1, [])).toBeGreaterThan(2 ** m.log2Prob(2, []));
    expect(sum((w) => m.log2Prob(w, []))).toBeCloseTo(1, 10);
  });

  it("does not count grams across sequence boundaries", () => {
    const m = trainNgram([[5, 6], [7, 8]], 2, V);
    expect(m.log2Prob(7, [6])).toBeCloseTo(m.log2Prob(7, [9]), 10); // history 6 never preceded anything
  });

  it("rejects orders whose codes would not fit a double", () => {
    expect(() => trainNgram([[1]], 6, V)).toThrow(RangeError);
  });
});
