import { describe, expect, it } from "vitest";
import type { Note } from "../../lib/doc-schema";
import { fillFigures } from "./melody-fill-figures";

const note = (start: number, pitch = 60): Note => ({ track: "melody", pitch, start, duration: 240, velocity: 80 });
const four = [note(0), note(240), note(480), note(720)];

describe("fillFigures", () => {
  it("counts candidates with notes, regions where all have notes, the median ratio, distinct candidates and their distance", () => {
    const f = fillFigures([
      { truth: [note(0), note(240)], accompaniment: [], candidates: [[note(0), note(240)], [note(240), note(0)], []] }, // two equal (order aside), one empty
      { truth: four, accompaniment: [{ ...note(0, 48), track: "piano", duration: 1920 }], candidates: [[note(0)], [note(0, 62)], four] },
    ]);
    expect(f).toEqual({
      regions: 2,
      candidates: 6,
      candidatesWithNotes: 0.833,
      regionsWithNotes: 0.5,
      medianNoteRatio: 0.63, // of 1, 1, 0, 0.25, 0.25, 1
      distinct: 0.833,
      pairwiseDistance: 0.792, // region 1: 0, 1, 1; region 2: 1, 0.75, 1
      onsetF1: 0.567, // 1, 1, 0; 0.4, 0, 1
      pitchClassOverlap: 0.667,
      chordTones: 0.833, // region 2 alone has harmony: C under every note but the D
      chordTonesOriginal: 1,
    });
  });
});
