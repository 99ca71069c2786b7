import { describe, expect, it } from "vitest";
import { selectionSummary } from "./selection-summary";

const meter = { beatsPerBar: 4, beatUnit: 4 };
const n = (id: string, pitch: number, start: number) => ({ id, track: "t", pitch, start, duration: 240, velocity: 90 });
const notes = [n("a", 60, 480), n("b", 67, 1920 * 2), n("c", 38, 0)];

describe("selectionSummary", () => {
  it("says what is selected, in notes, bars and beats", () => {
    expect(selectionSummary(notes, new Set(), meter)).toBe("No notes selected.");
    expect(selectionSummary(notes, new Set(["a"]), meter)).toBe("1 note selected: C4, bar 1 beat 2, velocity 90.");
    expect(selectionSummary(notes, new Set(["a", "b"]), meter)).toBe("2 notes selected: C4 to G4, bars 1 to 3.");
    expect(selectionSummary(notes, new Set(["c"]), meter, true)).toBe("1 note selected: Acoustic Snare, bar 1 beat 1, velocity 90.");
  });
});
