import { describe, expect, it } from "vitest";
import { initialGrammar } from "../../../models/tokenizer";
import { createStyleState, productLog2p, styleBias } from "./style-mix";
import type { StyleMemory } from "./style-memory";

const softmax = (z: number[]) => {
  const m = Math.max(...z);
  const e = z.map((x) => Math.exp(x - m));
  const t = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / t);
};

describe("style mixing", () => {
  it("multiplies the model's probabilities by q^β and renormalizes: β = 0 leaves the model alone", () => {
    const p = [0.5, 0.3, 0.2];
    const q = [0.1, 0.1, 0.8];
    expect(productLog2p(p, q, 0, 2)).toBeCloseTo(Math.log2(0.2), 12);
    const u = p.map((x, n) => x * q[n]);
    expect(productLog2p(p, q, 1, 2)).toBeCloseTo(Math.log2(u[2] / u.reduce((a, b) => a + b, 0)), 12);
  });

  it("biases sampling by β ln q over the allowed ids; a ruled-out id stays out", () => {
    const logits = Float32Array.from([0, 1, 2, 3, 4]);
    const allowed = [1, 2, 3];
    const bias = new Map([[3, -Infinity]]);
    const q = [0.2, 0.3, 0.5];
    const out = styleBias(allowed, bias, q, 0.5)!;
    const p = softmax(allowed.map((id) => logits[id] + out.get(id)!));
    const u = [Math.exp(1) * 0.2 ** 0.5, Math.exp(2) * 0.3 ** 0.5];
    expect(p[0]).toBeCloseTo(u[0] / (u[0] + u[1]), 6);
    expect(p[2]).toBe(0);
    expect(styleBias(allowed, bias, q, 0)).toBe(bias);
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
    expect(s.bias(g, [7], undefined)).toBeUndefined();
    expect(s.bias(g, [6, 7], undefined)?.size).toBe(2);
    expect(s.bias({ ...g, tracks: [0, 1] }, [6, 7], undefined)).toBeUndefined(); // a track it never learned
    expect(seen).toEqual([[6]]);
  });
});
