import { describe, expect, it } from "vitest";
import { checkConstraints, maxPolyphony } from "./constraint-check";

const n = (track: string, pitch: number, start: number, duration: number) => ({ track, pitch, start, duration });
const region = { startBar: 1, endBar: 2, pitchLo: 60, pitchHi: 72, trackIds: ["a"] };

describe("checkConstraints", () => {
  it("passes a candidate inside the region", () => {
    expect(checkConstraints([n("a", 60, 1920, 480), n("a", 64, 1920, 480)], region, 1920, [], 2).all).toBe(true);
  });

  it("names each broken constraint", () => {
    expect(checkConstraints([n("a", 59, 1920, 480)], region, 1920, []).pitchRange).toBe(false);
    expect(checkConstraints([n("b", 60, 1920, 480)], region, 1920, []).tracks).toBe(false);
    expect(checkConstraints([n("a", 60, 3800, 480)], region, 1920, []).span).toBe(false); // sounds past the end
    expect(checkConstraints([n("a", 60, 1900, 100)], region, 1920, []).span).toBe(false); // starts before
    const chord = [n("a", 60, 1920, 480), n("a", 64, 1920, 480), n("a", 67, 2000, 480)];
    expect(checkConstraints(chord, region, 1920, [], 2).polyphony).toBe(false);
    expect(checkConstraints(chord, region, 1920, [], 3).all).toBe(true);
  });

  it("counts notes that stay on a region track against the polyphony", () => {
    const staying = [n("a", 40, 1920, 960)]; // below the pitch range, so not part of the region
    expect(checkConstraints([n("a", 60, 2000, 100)], region, 1920, staying, 1).polyphony).toBe(false);
    expect(checkConstraints([n("a", 60, 2000, 100)], region, 1920, [n("b", 40, 1920, 960)], 1).polyphony).toBe(true);
  });
});

describe("maxPolyphony", () => {
  it("is the most notes sounding at once on one track", () => {
    expect(maxPolyphony([n("a", 60, 0, 480), n("a", 64, 240, 480), n("a", 67, 480, 10), n("b", 1, 0, 9), n("b", 2, 0, 9)])).toBe(2);
    expect(maxPolyphony([])).toBe(0);
  });
});
