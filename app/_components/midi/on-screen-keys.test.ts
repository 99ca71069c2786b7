import { describe, expect, it } from "vitest";
import { screenKeys } from "./on-screen-keys";

describe("the on-screen keyboard", () => {
  it("has two octaves from the C, and the C above: 15 white keys and 10 black", () => {
    const keys = screenKeys(4);
    expect([keys[0].pitch, keys.at(-1)!.pitch]).toEqual([60, 84]);
    expect(keys.filter((k) => !k.black)).toHaveLength(15);
    expect(keys.slice(0, 5).map((k) => [k.name, k.black, k.whiteBefore])).toEqual([
      ["C4", false, 0],
      ["C♯4", true, 0],
      ["D4", false, 1],
      ["D♯4", true, 1],
      ["E4", false, 2],
    ]);
  });

  it("stays within MIDI's pitches", () => {
    expect(screenKeys(9).at(-1)!.pitch).toBe(127);
  });
});
