import { describe, expect, it } from "vitest";
import { barsOf, describeBars, touchesBars } from "./comment-filter";

const comments = [
  { id: "bar-1", startBar: 0, endBar: 1 },
  { id: "bars-2-4", startBar: 1, endBar: 4 },
  { id: "bar-5", startBar: 4, endBar: 5 },
];
const ids = (range: { from: number; to: number } | null) => comments.filter((c) => touchesBars(c, range)).map((c) => c.id);

describe("touchesBars", () => {
  it("keeps the comments that touch the bars, by 1-based inclusive bar numbers", () => {
    expect(ids({ from: 1, to: 1 })).toEqual(["bar-1"]);
    expect(ids({ from: 3, to: 3 })).toEqual(["bars-2-4"]);
    expect(ids({ from: 4, to: 5 })).toEqual(["bars-2-4", "bar-5"]);
    expect(ids({ from: 6, to: 9 })).toEqual([]);
    expect(ids(null)).toEqual(["bar-1", "bars-2-4", "bar-5"]);
  });

  it("turns a comment's bars into a range that finds it, and names it", () => {
    for (const c of comments) expect(touchesBars(c, barsOf(c))).toBe(true);
    expect(describeBars(barsOf(comments[1]))).toBe("bars 2–4");
    expect(describeBars(barsOf(comments[2]))).toBe("bar 5");
  });
});
