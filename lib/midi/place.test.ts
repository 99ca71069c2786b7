import { describe, expect, it } from "vitest";
import { MAX_TICK } from "../doc-schema";
import { placeAtBar, PlacementError } from "./place";

const notes = [
  { pitch: 60, start: 0, duration: 480 },
  { pitch: 64, start: 720, duration: 240 },
];

describe("placeAtBar", () => {
  it("moves the file's bar 1 to the bar, in the piece's meter, keeping the file's own timing", () => {
    expect(placeAtBar(notes, 0, { beatsPerBar: 4, beatUnit: 4 })).toEqual(notes);
    expect(placeAtBar(notes, 4, { beatsPerBar: 4, beatUnit: 4 }).map((n) => n.start)).toEqual([7680, 8400]);
    expect(placeAtBar(notes, 2, { beatsPerBar: 6, beatUnit: 8 }).map((n) => n.start)).toEqual([2880, 3600]);
    expect(placeAtBar(notes, 2, { beatsPerBar: 3, beatUnit: 4 })[1]).toEqual({ pitch: 64, start: 2880 + 720, duration: 240 });
  });

  it("refuses a placement that would start a note past the end of the piece", () => {
    const lastBar = MAX_TICK / 1920; // a note may start on the piece's last tick, no later
    expect(placeAtBar([{ start: 0 }], lastBar, { beatsPerBar: 4, beatUnit: 4 })).toEqual([{ start: MAX_TICK }]);
    expect(() => placeAtBar(notes, lastBar, { beatsPerBar: 4, beatUnit: 4 })).toThrow(PlacementError);
    expect(() => placeAtBar(notes, lastBar, { beatsPerBar: 4, beatUnit: 4 })).toThrow(/^placed at bar 2001, the file would run past the last bar/);
  });
});
