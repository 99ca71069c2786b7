import { describe, expect, it } from "vitest";
import { initialGrammar } from "../../../models/tokenizer";
import { createStyleState, styleBias, styleMixedLogProb } from "./style-mix";
import type { StyleMemory } from "./style-memory";

const softmax = (z: number[]) => {
  const m = Math.max(...z);
  const e = z.map((x) => Math.exp(x - m));
  const t = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / t);
};

describe("style mixing", () => {
  it("mixes probabilities: w = 0 leaves the model alone, w = 1 is the memory", () => {
    expect(styleMixedLogProb(Math.log(0.2), 0.9, 0)).toBeCloseTo(Math.log(0.2), 12);
    expect(styleMixedLogProb(Math.log(0.2), 0.9, 0.5)).toBeCloseTo(Math.log(0.55), 12);
    expect(styleMixedLogProb(Math.log(0.2), 0.9, 1)).toBeCloseTo(Math.log(0.9), 12);
  });

  it("biases sampling to the mixture of the biased model and the memory over the allowed ids; a ruled-out id stays out", () => {
    const logits = Float32Array.from([0, 1, 2, 3, 4]);
    const allowed = [1, 2, 3];
    const bias = new Map([[3, -Infinity]]);
    const q = [0.2, 0.3, 0.5];
    const out = styleBias(logits, 0, allowed, bias, q, 0.4)!;
    const p = softmax(allowed.map((id) => logits[id] + out.get(id)!));
    const model = softmax([1, 2]);
    expect(p[0]).toBeCloseTo(0.6 * model[0] + 0.4 * 0.4, 6);
    expect(p[1]).toBeCloseTo(0.6 * model[1] + 0.4 * 0.6, 6);
    expect(p[2]).toBe(0);
    expect(styleBias(logits, 0, allowed, bias, q, 0)).toBe(bias);
  });

  it("keeps the region's tokens as the memory's history and asks it nothing where the grammar leaves one choice or of a track it never learned", () => {
    const seen: number[][] = [];
    const memory: StyleMemory = {
      artifact: {} as StyleMemory["artifact"],
      predict: (history, allowed) => (seen.push([...history]), { q: new Float64Array(allowed.length).fill(1 / allowed.length), matched: 0 }),
      speaksFor: (tracks) => !tracks.includes(1),
      weight: () => 0.5,
    };
    const s = createStyleState(memory);
    const g = { ...initialGrammar({ startBar: 0, endBar: 2, tracks: [0] }, 48), last: "bar" as const };
    s.accept(6);
    expect(s.bias(g, new Float32Array(10), 0, [7], undefined)).toBeUndefined();
    expect(s.bias(g, new Float32Array(10), 0, [6, 7], undefined)?.size).toBe(2);
    expect(s.bias({ ...g, tracks: [0, 1] }, new Float32Array(10), 0, [6, 7], undefined)).toBeUndefined(); // a track it never learned
    expect(seen).toEqual([[6]]);
  });
});
