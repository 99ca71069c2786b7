import { describe, expect, it } from "vitest";
import { DEFAULT_TRACKS } from "@/lib/doc-schema";
import { changeWords, noteWords } from "./note-words";

const tracks = new Map(Object.entries(DEFAULT_TRACKS));
const FOUR = { meter: { beatsPerBar: 4, beatUnit: 4 }, tracks };
const THREE = { meter: { beatsPerBar: 3, beatUnit: 4 }, tracks };

describe("changeWords", () => {
  it("names pitches, not MIDI numbers", () => {
    expect(changeWords({ field: "pitch", from: 60, to: 62 }, FOUR, "melody")).toBe("pitch C4 → D4");
  });

  it("gives lengths as note values and bars, not ticks", () => {
    expect(changeWords({ field: "duration", from: 240, to: 1920 }, FOUR, "melody")).toBe("length 1/8 → 1 bar");
    expect(changeWords({ field: "duration", from: 120, to: 720 }, FOUR, "melody")).toBe("length 1/16 → dotted 1/4");
  });

  it("gives times in bars and beats of the piece's meter", () => {
    expect(changeWords({ field: "start", from: 3840, to: 4320 }, FOUR, "melody")).toBe("start bar 3 beat 1 → bar 3 beat 2");
    expect(changeWords({ field: "start", from: 3840, to: 4320 }, THREE, "melody")).toBe("start bar 3 beat 3 → bar 4 beat 1");
  });

  it("names tracks and a drum track's notes by their drum", () => {
    expect(changeWords({ field: "track", from: "melody", to: "bass" }, FOUR, "bass")).toBe("track Melody → Bass");
    expect(changeWords({ field: "pitch", from: 36, to: 38 }, FOUR, "drums")).toBe("pitch Bass Drum → Acoustic Snare");
    expect(changeWords({ field: "velocity", from: 80, to: 100 }, FOUR, "melody")).toBe("velocity 80 → 100");
  });
});

describe("noteWords", () => {
  it("describes a note as it stands", () => {
    expect(noteWords({ track: "melody", pitch: 62, start: 3840, duration: 480, velocity: 90 }, FOUR)).toBe("D4, bar 3 beat 1, 1/4 long, on Melody");
  });
});
