import { describe, expect, it } from "vitest";
import { keySpeller, signatureAlter } from "./key-spelling";

const name = (s: { step: string; alter: number; octave: number }) => `${s.step}${["bb", "b", "", "#", "##"][s.alter + 2]}${s.octave}`;

describe("spelling in a key", () => {
  it("reads the signature: sharps F C G D A E B in order, flats the other way", () => {
    expect("FCGDAEB".split("").map((s) => signatureAlter(2, s))).toEqual([1, 1, 0, 0, 0, 0, 0]);
    expect("FCGDAEB".split("").map((s) => signatureAlter(-3, s))).toEqual([0, 0, 0, 0, -1, -1, -1]);
    expect("FCGDAEB".split("").map((s) => signatureAlter(0, s))).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it("spells a key's notes by its signature and the rest with sharps or flats to match", () => {
    const bb = keySpeller({ tonic: 10, mode: "major" }, -2);
    expect([70, 72, 74, 75, 77, 79, 81, 73, 78].map((p) => name(bb(p)))).toEqual(["Bb4", "C5", "D5", "Eb5", "F5", "G5", "A5", "Db5", "Gb5"]);
    const e = keySpeller({ tonic: 4, mode: "major" }, 4);
    expect([64, 66, 68, 69, 71, 73, 75, 70].map((p) => name(e(p)))).toEqual(["E4", "F#4", "G#4", "A4", "B4", "C#5", "D#5", "A#4"]);
  });

  it("keeps the octave of the written step: Cb5 sounds as B4, E#4 as F4", () => {
    expect(name(keySpeller({ tonic: 6, mode: "major" }, -6)(71))).toBe("Cb5");
    expect(name(keySpeller({ tonic: 6, mode: "major" }, 6)(65))).toBe("E#4");
  });

  it("raises a minor key's sixth and seventh degrees on their own letters", () => {
    const dm = keySpeller({ tonic: 2, mode: "minor" }, -1);
    expect([61, 71, 70].map((p) => name(dm(p)))).toEqual(["C#4", "B4", "Bb4"]);
    const dsharp = keySpeller({ tonic: 3, mode: "minor" }, 6);
    expect([62, 60, 63].map((p) => name(dsharp(p)))).toEqual(["C##4", "B#3", "D#4"]); // B#3 sounds as C4
  });
});
