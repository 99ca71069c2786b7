import { describe, expect, it } from "vitest";
import { estimateKey, keyFifths } from "./key";

const notes = (pitches: number[]) => pitches.map((pitch, i) => ({ track: "a", pitch, start: i * 480, duration: 480 }));

describe("estimateKey", () => {
  it("finds C major from a C major scale and arpeggio", () => {
    const k = estimateKey(notes([60, 62, 64, 65, 67, 69, 71, 72, 60, 64, 67, 60, 64, 67]));
    expect([k.tonic, k.mode]).toEqual([0, "major"]);
    expect([...k.scale].sort((a, b) => a - b)).toEqual([0, 2, 4, 5, 7, 9, 11]);
  });

  it("finds A minor from an A minor arpeggio with its leading tone", () => {
    const k = estimateKey(notes([57, 60, 64, 57, 60, 64, 57, 59, 60, 62, 64, 65, 68, 69, 57]));
    expect([k.tonic, k.mode]).toEqual([9, "minor"]);
  });

  it("is transposition-equivariant", () => {
    const base = [60, 62, 64, 65, 67, 69, 71, 72, 60, 64, 67];
    expect(estimateKey(notes(base.map((p) => p + 7))).tonic).toBe(7);
  });
});

describe("keyFifths", () => {
  it("counts sharps and flats from C, minor keys by their relative major", () => {
    const of = (tonic: number, mode: "major" | "minor") => keyFifths({ tonic, mode });
    expect([0, 7, 2, 9, 4, 11, 6].map((t) => of(t, "major"))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect([5, 10, 3, 8, 1].map((t) => of(t, "major"))).toEqual([-1, -2, -3, -4, -5]);
    expect([of(9, "minor"), of(2, "minor"), of(4, "minor"), of(0, "minor"), of(3, "minor")]).toEqual([0, -1, 1, -3, 6]);
  });
});
