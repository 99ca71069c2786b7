import { describe, expect, it } from "vitest";
import { EMPTY_REGION } from "@/app/_components/piano-roll/editor-state";
import { rangeFromBars, requestRegion } from "./ai-region";

const meter = { beatsPerBar: 4, beatUnit: 4 };
const tracks = ["melody", "chords", "bass", "drums"];

describe("AI region", () => {
  it("turns 1-based inclusive bars into a 0-based exclusive range", () => {
    expect(rangeFromBars(2, 3)).toEqual({ startBar: 1, endBar: 3 });
    expect(rangeFromBars(3, 2)).toEqual({ startBar: 1, endBar: 3 });
    expect(rangeFromBars(1, 1)).toEqual({ startBar: 0, endBar: 1 });
    expect(rangeFromBars(0, 2)).toBeNull();
    expect(rangeFromBars(Number.NaN, 2)).toBeNull();
  });

  it("infills the selected bars, every track unless some are chosen", () => {
    expect(requestRegion("infill", EMPTY_REGION, tracks, 0, meter)).toBeNull();
    const r = { ...EMPTY_REGION, range: { startBar: 1, endBar: 3 }, pitchLo: 80, pitchHi: 40 };
    expect(requestRegion("infill", r, tracks, 0, meter)).toEqual({ startBar: 1, endBar: 3, pitchLo: 40, pitchHi: 80, trackIds: tracks });
    expect(requestRegion("infill", { ...r, trackIds: ["bass"] }, tracks, 0, meter)?.trackIds).toEqual(["bass"]);
  });

  it("continues from the selection, or from everything up to the last note", () => {
    expect(requestRegion("continue", EMPTY_REGION, tracks, 1920 * 2 + 10, meter)).toMatchObject({ startBar: 0, endBar: 3 });
    expect(requestRegion("continue", EMPTY_REGION, tracks, 0, meter)).toMatchObject({ startBar: 0, endBar: 1 });
    const r = { ...EMPTY_REGION, range: { startBar: 4, endBar: 6 } };
    expect(requestRegion("continue", r, tracks, 1920 * 5, meter)).toMatchObject({ startBar: 4, endBar: 6 });
    // A selection that stops before the last note still continues after the piece's end.
    expect(requestRegion("continue", r, tracks, 1920 * 8 + 1, meter)).toMatchObject({ startBar: 4, endBar: 9 });
  });
});
