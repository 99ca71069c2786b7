import { describe, expect, it } from "vitest";
import type { Note } from "./doc-schema";
import { replacedByAccept } from "./accept-match";

const note = (pitch: number, start: number, track = "melody"): Note => ({ track, pitch, start, duration: 480, velocity: 90 });
const meter = { beatsPerBar: 4, beatUnit: 4 };
const bars2to3 = { startBar: 1, endBar: 3, pitchLo: 48, pitchHi: 84, trackIds: ["melody"] };

describe("what an accept would replace", () => {
  it("the region's notes, less those the candidate equals; nothing outside its bars, pitches or tracks", () => {
    const notes = [
      { ...note(60, 1920), id: "kept-equal" },
      { ...note(62, 1920), id: "replaced" },
      { ...note(64, 3840 + 480), id: "replaced-too" },
      { ...note(60, 0), id: "bar-1" },
      { ...note(30, 1920), id: "too-low" },
      { ...note(60, 1920, "bass"), id: "other-track" },
      { ...note(60, 5760), id: "bar-4" },
    ];
    expect(replacedByAccept([note(60, 1920), note(67, 2400)], notes, bars2to3, meter)).toEqual(["replaced", "replaced-too"]);
    expect(replacedByAccept([], [], bars2to3, meter)).toEqual([]);
  });
});
