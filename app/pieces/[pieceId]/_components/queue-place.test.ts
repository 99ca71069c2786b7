import { describe, expect, it } from "vitest";
import { generationState, placeInLine } from "./queue-place";

describe("place in line", () => {
  it("says next for the first and an English ordinal after it", () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112].map(placeInLine)).toEqual([
      "next in line", "2nd in line", "3rd in line", "4th in line", "11th in line", "12th in line", "13th in line",
      "21st in line", "22nd in line", "23rd in line", "101st in line", "111th in line", "112th in line",
    ]);
  });

  it("names a waiting generation by its place, and any other by its status", () => {
    expect(generationState({ status: "running", queuePosition: 2 })).toBe("waiting, 2nd in line");
    expect(generationState({ status: "running" })).toBe("running");
    expect(generationState({ status: "ready" })).toBe("ready");
  });
});
