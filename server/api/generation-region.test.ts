import { describe, expect, it } from "vitest";
import { DEFAULT_META } from "../../lib/doc-schema";
import { resolveRegion } from "./generation-region";

const tracks = ["melody", "chords", "bass", "drums"];
const region = { startBar: 4, endBar: 8, pitchLo: 48, pitchHi: 84, trackIds: ["melody"] };

describe("resolveRegion", () => {
  it("accepts an infill region as is", () => {
    expect(resolveRegion({ mode: "infill", region }, tracks, DEFAULT_META)).toEqual({ ok: true, region });
  });

  it("puts a continuation right after the region", () => {
    const r = resolveRegion({ mode: "continue", region, bars: 2 }, tracks, DEFAULT_META);
    expect(r).toEqual({ ok: true, region: { ...region, startBar: 8, endBar: 10 } });
    const d = resolveRegion({ mode: "continue", region }, tracks, DEFAULT_META);
    expect(d.ok && d.region.endBar - d.region.startBar).toBe(4);
  });

  it.each([
    [{ ...region, endBar: 4 }, /region is empty/],
    [{ ...region, startBar: -1 }, /before the start/],
    [{ ...region, pitchLo: 90 }, /lowest pitch \(90\) is above its highest \(84\)/],
    [{ ...region, trackIds: [] }, /no tracks/],
    [{ ...region, trackIds: ["melody", "kazoo"] }, /no track "kazoo"/],
    [{ ...region, endBar: 21 }, /at most 16 bars at once; this asks for 17/],
    [{ ...region, startBar: 1999, endBar: 2001 }, /past the end of the piece \(2000 bars\)/],
  ])("refuses %j", (bad, message) => {
    const r = resolveRegion({ mode: "infill", region: bad }, tracks, DEFAULT_META);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(message);
  });

  it("refuses a continuation longer than 16 bars, and bars on an infill", () => {
    expect(resolveRegion({ mode: "continue", region, bars: 17 }, tracks, DEFAULT_META).ok).toBe(false);
    expect(resolveRegion({ mode: "infill", region, bars: 2 }, tracks, DEFAULT_META).ok).toBe(false);
  });

  it("measures the piece in bars of its own meter", () => {
    const threeFour = { ...DEFAULT_META, beatsPerBar: 3 };
    const r = resolveRegion({ mode: "infill", region: { ...region, startBar: 2660, endBar: 2666 } }, tracks, threeFour);
    expect(r.ok).toBe(true);
  });
});
