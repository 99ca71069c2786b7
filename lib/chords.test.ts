import { describe, expect, it } from "vitest";
import { chordSymbol, detectChord, NO_CHORD, readChordSymbol, type Sounding } from "./chords";

/** Notes of a voicing (MIDI pitches, lowest first), each with a length: the pitch-class weights and the lowest note. */
function voicing(...notes: [pitch: number, length?: number][]): Sounding {
  const weights = new Array<number>(12).fill(0);
  for (const [p, len = 480] of notes) weights[p % 12] += len;
  return { weights, bass: Math.min(...notes.map(([p]) => p)) % 12 };
}
const name = (s: Sounding, fifths: number | null = null) => {
  const c = detectChord(s);
  return c && chordSymbol(c, fifths);
};
const n = (...pitches: number[]) => voicing(...pitches.map((p): [number] => [p]));

describe("detectChord", () => {
  it("names triads in root position", () => {
    expect(name(n(48, 52, 55))).toBe("C");
    expect(name(n(57, 60, 64))).toBe("Am");
    expect(name(n(54, 57, 60))).toBe("F#dim");
    expect(name(n(48, 52, 56))).toBe("Caug");
    expect(name(n(50, 55, 57))).toBe("Dsus4");
  });

  it("names sevenths, open and close voicings", () => {
    expect(name(n(43, 59, 62, 65))).toBe("G7");
    expect(name(n(45, 60, 64, 67))).toBe("Am7");
    expect(name(n(41, 57, 60, 64))).toBe("Fmaj7");
    expect(name(n(47, 62, 65, 69))).toBe("Bm7b5");
    expect(name(n(47, 62, 65, 68))).toBe("Bdim7");
  });

  it("writes inversions as slash chords over their bass", () => {
    expect(name(n(47, 55, 62))).toBe("G/B");
    expect(name(n(52, 55, 60))).toBe("C/E");
    expect(name(n(43, 60, 64))).toBe("C/G");
    expect(name(n(53, 55, 59, 62))).toBe("G7/F");
  });

  it("reads incomplete chords: a seventh without its fifth, a third without a fifth, a bare fifth", () => {
    expect(name(n(36, 52, 58))).toBe("C7");
    expect(name(n(48, 52))).toBe("C");
    expect(name(n(45, 60))).toBe("Am");
    expect(name(n(40, 47))).toBe("E5");
  });

  it("tells sixths from the sevenths with the same notes by the bass", () => {
    expect(name(n(45, 60, 64, 67))).toBe("Am7");
    expect(name(n(48, 57, 64, 67))).toBe("C6");
  });

  it("weighs notes by length: a short passing note does not change the chord", () => {
    expect(name(voicing([48, 1920], [52, 1920], [55, 1920], [62, 120], [65, 120]))).toBe("C");
    // An arpeggio is the chord it spells.
    expect(name(voicing([45, 240], [48, 240], [52, 240], [57, 240], [60, 240], [64, 240]))).toBe("Am");
  });

  it("gives no chord for silence or a single pitch class", () => {
    expect(detectChord({ weights: new Array(12).fill(0), bass: null })).toBeNull();
    expect(detectChord(n(60, 72, 48))).toBeNull();
  });

  it("spells roots and basses by the key signature", () => {
    const bb = n(46, 50, 53); // Bb major triad
    expect(name(bb)).toBe("Bb");
    expect(name(bb, 2)).toBe("A#");
    expect(name(n(49, 53, 56), -4)).toBe("Db");
    expect(name(n(49, 53, 56), 4)).toBe("C#");
    expect(name(n(42, 47, 50), -1)).toBe("Bm/Gb");
  });
});

describe("readChordSymbol", () => {
  it.each([
    ["Am7", "Am7"],
    [" g/b ", "G/B"],
    ["Bbmaj7", "Bbmaj7"],
    ["F#°", "F#dim"],
    ["C-7", "Cm7"],
    ["Ebø", "Ebm7b5"],
    ["D♭", "Db"],
    ["Cmaj", "C"],
    ["C/C", "C"],
    ["Dsus", "Dsus4"],
    ["n.c.", NO_CHORD],
    ["NC", NO_CHORD],
  ])("reads %j as %j", (typed, normal) => {
    expect(readChordSymbol(typed)).toMatchObject({ normal });
  });

  it("knows the chord it names", () => {
    const read = readChordSymbol("G/B");
    expect("chord" in read && read.chord).toMatchObject({ root: 7, bass: 11, quality: { suffix: "" } });
    expect(readChordSymbol("N.C.")).toEqual({ chord: null, normal: NO_CHORD });
  });

  it("says why other text is not a chord", () => {
    expect(readChordSymbol("H7")).toHaveProperty("error", expect.stringContaining("not a chord symbol"));
    expect(readChordSymbol("Cblah")).toHaveProperty("error");
    expect(readChordSymbol("")).toHaveProperty("error");
    expect(readChordSymbol("C/X")).toHaveProperty("error");
    expect(readChordSymbol("Cmaj7/E and then more")).toHaveProperty("error", expect.stringContaining("at most 16"));
  });
});
