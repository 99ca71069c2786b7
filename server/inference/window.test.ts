import { describe, expect, it } from "vitest";
import { InferenceInputError } from "./errors";
import { planWindow, regionBudget } from "./window";

/** Each bar costs `perBar` tokens, plus a header of 10. */
const enc = (perBar: number) => (_from: number, bars: number) => new Array(10 + bars * perBar).fill(0);

describe("planWindow", () => {
  it("takes up to 32 bars, before first, balanced around the region", () => {
    const w = planWindow({ startBar: 20, endBar: 24, barsBefore: 20, barsAfter: 40, maxSeqLen: 100_000, budget: 0, encode: enc(1) });
    expect(w.bars).toBe(32);
    expect(w.fromBar).toBe(6); // 14 before, 4 region, 14 after
  });
  it("uses the bars that exist on one side when the other runs out", () => {
    const w = planWindow({ startBar: 2, endBar: 6, barsBefore: 2, barsAfter: 40, maxSeqLen: 100_000, budget: 0, encode: enc(1) });
    expect([w.fromBar, w.bars]).toEqual([0, 32]);
    const c = planWindow({ startBar: 30, endBar: 34, barsBefore: 30, barsAfter: 0, maxSeqLen: 100_000, budget: 0, encode: enc(1) });
    expect([c.fromBar, c.bars]).toEqual([2, 32]); // continuation: 28 bars before, nothing after
  });
  it("drops the bars farthest from the region until the prompt and the budget fit", () => {
    const w = planWindow({ startBar: 20, endBar: 24, barsBefore: 20, barsAfter: 3, maxSeqLen: 1024, budget: 300, encode: enc(50) });
    // 10 + 50 * bars + 300 <= 1024 -> at most 14 bars: the 3 after stay, 7 before
    expect([w.fromBar, w.bars]).toEqual([13, 14]);
    expect(w.prompt.length + 300).toBeLessThanOrEqual(1024);
  });
  it("refuses a region whose own bars cannot fit", () => {
    expect(() => planWindow({ startBar: 0, endBar: 4, barsBefore: 0, barsAfter: 0, maxSeqLen: 1024, budget: 300, encode: enc(300) })).toThrow(
      InferenceInputError,
    );
  });
});

describe("regionBudget", () => {
  it("grows with bars, tracks and density, and stays within half the model", () => {
    expect(regionBudget({ bars: 4, tracks: 2, notesPerBarPerTrack: 4, maxSeqLen: 1024 })).toBe(4 * (1 + 2 + 24) + 1);
    expect(regionBudget({ bars: 16, tracks: 4, notesPerBarPerTrack: 16, maxSeqLen: 1024 })).toBe(512);
  });
});
