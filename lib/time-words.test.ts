import { describe, expect, it } from "vitest";
import { barBeatOf } from "./time";
import { lengthWords, positionWords } from "./time-words";

const FOUR = { beatsPerBar: 4, beatUnit: 4 };
const THREE = { beatsPerBar: 3, beatUnit: 4 };
const SIX_EIGHT = { beatsPerBar: 6, beatUnit: 8 };

describe("lengthWords", () => {
  it.each([
    [120, "1/16"],
    [240, "1/8"],
    [360, "dotted 1/8"],
    [160, "1/8 triplet"],
    [480, "1/4"],
    [960, "1/2"],
    [1920, "1 bar"],
    [3840, "2 bars"],
    [2400, "1 bar + 1/4"],
    [600, "1/4 + 1/16"],
    [7, "7 ticks"],
  ])("%i ticks in 4/4 are %j", (ticks, words) => expect(lengthWords(ticks, FOUR)).toBe(words));

  it("counts bars of the piece's meter", () => {
    expect(lengthWords(1920, THREE)).toBe("1 bar + 1/4");
    expect(lengthWords(1440, THREE)).toBe("1 bar");
    expect(lengthWords(1440, SIX_EIGHT)).toBe("1 bar");
    expect(lengthWords(1920, SIX_EIGHT)).toBe("1 bar + 1/4");
  });
});

describe("positionWords", () => {
  it("counts bars and beats from 1", () => {
    expect(positionWords(0, FOUR)).toBe("bar 1 beat 1");
    expect(positionWords(3840, FOUR)).toBe("bar 3 beat 1");
    expect(positionWords(3840 + 480, FOUR)).toBe("bar 3 beat 2");
    expect(positionWords(3840 + 600, FOUR)).toBe("bar 3 beat 2 + 1/16");
  });

  it("follows the meter: beats of its beat unit, bars of its length", () => {
    expect(positionWords(3840, THREE)).toBe("bar 3 beat 3");
    expect(positionWords(1440 + 240, SIX_EIGHT)).toBe("bar 2 beat 2");
    expect(barBeatOf(1440 + 300, SIX_EIGHT)).toEqual({ bar: 2, beat: 2, after: 60 });
  });
});
