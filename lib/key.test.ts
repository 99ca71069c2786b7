import { describe, expect, it } from "vitest";
import { estimateKey, keyFifths, pieceKeyName, pitchClassName, SCALE_STEPS, scaleNoteNames, scaleOf } from "./key";

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

describe("modes", () => {
  it("has the seven modes' scales, each the major scale from another degree", () => {
    expect(SCALE_STEPS.major).toEqual([0, 2, 4, 5, 7, 9, 11]);
    expect(SCALE_STEPS.minor).toEqual([0, 2, 3, 5, 7, 8, 10]);
    expect(SCALE_STEPS.dorian).toEqual([0, 2, 3, 5, 7, 9, 10]);
    expect(SCALE_STEPS.phrygian).toEqual([0, 1, 3, 5, 7, 8, 10]);
    expect(SCALE_STEPS.lydian).toEqual([0, 2, 4, 6, 7, 9, 11]);
    expect(SCALE_STEPS.mixolydian).toEqual([0, 2, 4, 5, 7, 9, 10]);
    expect(SCALE_STEPS.locrian).toEqual([0, 1, 3, 5, 6, 8, 10]);
    expect([...scaleOf(2, "dorian")].sort((a, b) => a - b)).toEqual([0, 2, 4, 5, 7, 9, 11]);
  });

  it("gives a mode the signature of its relative major", () => {
    expect(keyFifths({ tonic: 2, mode: "dorian" })).toBe(0);
    expect(keyFifths({ tonic: 7, mode: "mixolydian" })).toBe(0);
    expect(keyFifths({ tonic: 5, mode: "lydian" })).toBe(0);
    expect(keyFifths({ tonic: 9, mode: "dorian" })).toBe(1);
    expect(keyFifths({ tonic: 11, mode: "locrian" })).toBe(0);
  });
});

describe("names", () => {
  it("spells a key's tonic by its own signature", () => {
    expect(pieceKeyName({ tonic: 2, mode: "major" })).toBe("D major");
    expect(pieceKeyName({ tonic: 9, mode: "minor" })).toBe("A minor");
    expect(pieceKeyName({ tonic: 10, mode: "major" })).toBe("Bb major");
    expect(pieceKeyName({ tonic: 6, mode: "minor" })).toBe("F# minor");
    expect(pieceKeyName({ tonic: 1, mode: "major" })).toBe("Db major");
    expect(pieceKeyName({ tonic: 1, mode: "minor" })).toBe("C# minor");
    expect(pieceKeyName({ tonic: 2, mode: "dorian" })).toBe("D dorian");
  });

  it("names pitch classes with flats in flat keys, sharps in sharp keys, the common way without a key", () => {
    expect([1, 3, 6, 8, 10].map((pc) => pitchClassName(pc))).toEqual(["C#", "Eb", "F#", "Ab", "Bb"]);
    expect([1, 3, 6, 8, 10].map((pc) => pitchClassName(pc, -3))).toEqual(["Db", "Eb", "Gb", "Ab", "Bb"]);
    expect([1, 3, 6, 8, 10].map((pc) => pitchClassName(pc, 2))).toEqual(["C#", "D#", "F#", "G#", "A#"]);
  });
});

describe("scaleNoteNames", () => {
  it("spells each degree with its own letter", () => {
    expect(scaleNoteNames({ tonic: 2, mode: "major" })).toEqual(["D", "E", "F#", "G", "A", "B", "C#"]);
    expect(scaleNoteNames({ tonic: 6, mode: "major" })).toEqual(["F#", "G#", "A#", "B", "C#", "D#", "E#"]);
    expect(scaleNoteNames({ tonic: 10, mode: "dorian" })).toEqual(["Bb", "C", "Db", "Eb", "F", "G", "Ab"]);
    expect(scaleNoteNames({ tonic: 9, mode: "minor" })).toEqual(["A", "B", "C", "D", "E", "F", "G"]);
    expect(scaleNoteNames({ tonic: 4, mode: "phrygian" })).toEqual(["E", "F", "G", "A", "B", "C", "D"]);
  });
});
