import { describe, expect, it } from "vitest";
import type { Note } from "../../lib/doc-schema";
import { createRng } from "../prepare/prng";
import { randomInKey, repeatPreviousBars } from "./baselines";

const BAR = 1920;
const note = (track: string, pitch: number, start: number, duration = 240): Note => ({ track, pitch, start, duration, velocity: 90 });
const region = { startBar: 2, endBar: 4, pitchLo: 0, pitchHi: 127, trackIds: ["mel"] };

describe("repeatPreviousBars", () => {
  it("copies the bars just before the region onto it, region tracks and pitch range only", () => {
    const context = [note("mel", 60, 0), note("mel", 62, BAR + 480), note("bass", 40, BAR), note("mel", 90, BAR)];
    const out = repeatPreviousBars(context, { ...region, pitchHi: 80 }, BAR);
    expect(out.map((n) => [n.pitch, n.start])).toEqual([
      [60, 2 * BAR],
      [62, 3 * BAR + 480],
    ]);
  });

  it("copies the bars after an infill at the start of the piece", () => {
    const context = [note("mel", 64, 2 * BAR + 240)];
    const out = repeatPreviousBars(context, { ...region, startBar: 0, endBar: 2 }, BAR);
    expect(out.map((n) => [n.pitch, n.start])).toEqual([[64, 240]]);
  });
});

describe("randomInKey", () => {
  // Two bars of C major melody, 4 notes a bar, then the region.
  const context = [60, 64, 67, 72, 62, 65, 69, 71].map((p, i) => note("mel", p, i * 480));

  it("keeps to the key, the context's range, the region and about the context's density", () => {
    const out = randomInKey(context, region, BAR, new Set(), createRng("t"));
    expect(out.length).toBe(8); // 4 a bar exactly: the density is a whole number
    for (const n of out) {
      expect([0, 2, 4, 5, 7, 9, 11]).toContain(n.pitch % 12);
      expect(n.pitch).toBeGreaterThanOrEqual(60);
      expect(n.pitch).toBeLessThanOrEqual(72);
      expect(n.start).toBeGreaterThanOrEqual(2 * BAR);
      expect(n.start + n.duration).toBeLessThanOrEqual(4 * BAR);
      expect(n.start % 120).toBe(0);
    }
  });

  it("is seeded", () => {
    expect(randomInKey(context, region, BAR, new Set(), createRng("s"))).toEqual(randomInKey(context, region, BAR, new Set(), createRng("s")));
  });

  it("draws drum pitches from the context's hits", () => {
    const drums = [36, 38, 42, 42].map((p, i) => note("dr", p, i * 480, 120));
    const out = randomInKey(drums, { ...region, startBar: 1, endBar: 2, trackIds: ["dr"] }, BAR, new Set(["dr"]), createRng("d"));
    expect(out.length).toBe(4);
    for (const n of out) expect([36, 38, 42]).toContain(n.pitch);
  });
});
