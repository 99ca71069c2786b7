import { describe, expect, it } from "vitest";
import { estimateKey } from "./key";

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
