import { describe, expect, it } from "vitest";
import { noteValues } from "./note-values";

describe("note values", () => {
  it.each([
    [480, ["quarter"]],
    [720, ["quarter."]],
    [2400, ["whole", "quarter"]],
    [160, ["eighth/3"]],
    [100, ["32nd", "32nd/3"]],
    [7, ["7 ticks"]],
  ])("%i ticks are %j", (ticks, expected) => {
    const vs = noteValues(ticks);
    expect(vs.map((v) => (v.type ? `${v.type}${".".repeat(v.dots ?? 0)}${v.triplet ? "/3" : ""}` : `${v.ticks} ticks`))).toEqual(expected);
    expect(vs.reduce((s, v) => s + v.ticks, 0)).toBe(ticks);
  });

  it("always adds up to the length", () => {
    for (let t = 1; t <= 4000; t++) expect(noteValues(t).reduce((s, v) => s + v.ticks, 0)).toBe(t);
  });
});
