import { describe, expect, it } from "vitest";
import { scoreControl, spearman } from "./controllability";

describe("controllability", () => {
  it("scores exact and within-one hits", () => {
    const s = scoreControl([
      { requested: 2, achieved: 2 },
      { requested: 2, achieved: 3 },
      { requested: 5, achieved: 1 },
      { requested: 0, achieved: 0 },
    ]);
    expect(s).toMatchObject({ trials: 4, exact: 0.5, withinOne: 0.75 });
  });

  it("ranks with ties", () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1);
    expect(spearman([1, 1, 2, 2], [1, 1, 2, 2])).toBeCloseTo(1);
    expect(spearman([1, 2, 3], [5, 5, 5])).toBe(0);
  });
});
