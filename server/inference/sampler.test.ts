import { describe, expect, it } from "vitest";
import { candidateRng, mulberry32, sampleToken } from "./sampler";

const logits = Float32Array.from({ length: 16 }, (_, i) => Math.sin(i * 1.7) * 3);
const all = Array.from({ length: 16 }, (_, i) => i);

describe("sampler", () => {
  it("repeats exactly with the same seed and differs with another", () => {
    const draw = (seed: number) => {
      const rng = candidateRng(seed, 0);
      return Array.from({ length: 50 }, () => sampleToken(logits, 0, all, { temperature: 1, topP: 1 }, rng));
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it("gives each candidate its own stream", () => {
    const a = candidateRng(1, 0);
    const b = candidateRng(1, 1);
    expect(Array.from({ length: 5 }, a)).not.toEqual(Array.from({ length: 5 }, b));
  });

  it("only returns allowed ids, reading logits at the offset", () => {
    const rng = mulberry32(3);
    const big = new Float32Array(32);
    big.set(logits, 16);
    for (let i = 0; i < 200; i++) expect([3, 5, 9]).toContain(sampleToken(big, 16, [3, 5, 9], { temperature: 1.5, topP: 1 }, rng));
  });

  it("is greedy at a tiny top-p and near-greedy at a low temperature", () => {
    const best = all.reduce((a, b) => (logits[b] > logits[a] ? b : a));
    const rng = mulberry32(11);
    for (let i = 0; i < 100; i++) expect(sampleToken(logits, 0, all, { temperature: 1, topP: 0.01 }, rng)).toBe(best);
    const spread = Float32Array.from([0, 1, 2, 3]);
    for (let i = 0; i < 100; i++) expect(sampleToken(spread, 0, [0, 1, 2, 3], { temperature: 0.05, topP: 1 }, rng)).toBe(3);
  });

  it("top-p keeps only the nucleus", () => {
    // probabilities ~ 0.5, 0.3, 0.2 (+ a negligible tail): top-p 0.7 keeps the first two
    const l = Float32Array.from([Math.log(0.5), Math.log(0.3), Math.log(0.2), -50]);
    const rng = mulberry32(5);
    const seen = new Set(Array.from({ length: 500 }, () => sampleToken(l, 0, [0, 1, 2, 3], { temperature: 1, topP: 0.7 }, rng)));
    expect([...seen].sort()).toEqual([0, 1]);
  });

  it("follows the distribution at temperature 1", () => {
    const l = Float32Array.from([Math.log(0.8), Math.log(0.2)]);
    const rng = mulberry32(9);
    let zeros = 0;
    for (let i = 0; i < 4000; i++) zeros += sampleToken(l, 0, [0, 1], { temperature: 1, topP: 1 }, rng) === 0 ? 1 : 0;
    expect(zeros / 4000).toBeGreaterThan(0.76);
    expect(zeros / 4000).toBeLessThan(0.84);
  });

  it("applies a bias", () => {
    const l = Float32Array.from([0, 0]);
    const rng = mulberry32(2);
    const bias = new Map([[1, -30]]);
    for (let i = 0; i < 100; i++) expect(sampleToken(l, 0, [0, 1], { temperature: 1, topP: 1 }, rng, bias)).toBe(0);
  });
});
