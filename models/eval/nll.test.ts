import { describe, expect, it } from "vitest";
import { BAR, EOS, MID, tok } from "../tokenizer";
import { log2Softmax, regionBits } from "./nll";

describe("regionBits", () => {
  it("scores only the tokens after the prompt and splits them by kind", () => {
    const tokens = [1, 3, MID, BAR, tok.track(0), tok.pos(0), tok.dur(12), tok.pitch(60), tok.pos(12), tok.dur(12), tok.pitch(62), EOS];
    const b = regionBits(tokens, 3, () => -1); // one bit a token
    expect(b).toEqual({ notes: 2, tokens: 9, total: 9, onset: 2, duration: 2, pitch: 2, structure: 3 });
  });
});

describe("log2Softmax", () => {
  it("is log2 of the softmax, stable for large logits", () => {
    expect(log2Softmax([0, 0, 0, 0], 0, 4, 2)).toBeCloseTo(-2);
    expect(log2Softmax([9, 1000, 1000], 1, 2, 0)).toBeCloseTo(-1);
  });
});
