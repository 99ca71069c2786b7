import { describe, expect, it } from "vitest";
import { isBlackKey } from "./geometry";
import { rollScale, rowShade } from "./roll-scale";

const shades = (scale: ReturnType<typeof rollScale>) => Array.from({ length: 12 }, (_, i) => rowShade(60 + i, scale, isBlackKey(60 + i)));

describe("rowShade", () => {
  it("shades the black keys' rows when the piece has no key", () => {
    expect(rollScale(undefined)).toBeNull();
    expect(shades(null)).toEqual(["plain", "outside", "plain", "outside", "plain", "plain", "outside", "plain", "outside", "plain", "outside", "plain"]);
  });

  it("tints D major's rows and marks D's, whatever colour their keys are", () => {
    const s = shades(rollScale({ tonic: 2, mode: "major" }));
    // C  C#  D  D#  E  F  F#  G  G#  A  A#  B
    expect(s).toEqual(["outside", "scale", "tonic", "outside", "scale", "outside", "scale", "scale", "outside", "scale", "outside", "scale"]);
  });

  it("follows the mode", () => {
    expect(shades(rollScale({ tonic: 2, mode: "dorian" })).filter((x) => x !== "outside")).toHaveLength(7);
    expect(shades(rollScale({ tonic: 2, mode: "dorian" }))[0]).toBe("scale"); // C is in D dorian
  });
});
