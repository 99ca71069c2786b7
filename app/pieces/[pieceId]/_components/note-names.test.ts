import { describe, expect, it } from "vitest";
import { pitchName, readNoteName } from "./note-names";

describe("note names", () => {
  it("reads what people type: C4 is middle C, sharps and flats either way", () => {
    expect(readNoteName("C4")).toEqual({ pitch: 60 });
    expect(readNoteName(" f#5 ")).toEqual({ pitch: 78 });
    expect(readNoteName("Bb3")).toEqual({ pitch: 58 });
    expect(readNoteName("E♭2")).toEqual({ pitch: 39 });
    expect(readNoteName("C♯4")).toEqual({ pitch: 61 });
    expect(readNoteName("C-1")).toEqual({ pitch: 0 });
    expect(readNoteName("G9")).toEqual({ pitch: 127 });
  });

  it("says why a text is not a pitch", () => {
    expect(readNoteName("H2")).toEqual({ error: expect.stringContaining("“H2” is not a note name") });
    expect(readNoteName("60")).toEqual({ error: expect.stringContaining("such as C4 or F#5") });
    expect(readNoteName("")).toEqual({ error: expect.stringContaining("not a note name") });
    expect(readNoteName("G#9")).toEqual({ error: "G#9 is above the highest note, G9" });
    expect(readNoteName("Cb-1")).toEqual({ error: "Cb-1 is below the lowest note, C-1" });
  });

  it("round-trips every pitch through its name", () => {
    for (let p = 0; p <= 127; p++) expect(readNoteName(pitchName(p))).toEqual({ pitch: p });
  });
});
