import { describe, expect, it } from "vitest";
import { DEFAULT_META } from "../../lib/doc-schema";
import { resolveRegion, type PieceShape } from "./generation-region";

const BAR = 1920;
// Eight bars of 4/4: the last note starts in bar 8 (index 7) and ends with it.
const piece: PieceShape = {
  trackIds: ["melody", "chords", "bass", "drums"],
  meta: DEFAULT_META,
  notes: [
    { start: 0, duration: 480 },
    { start: 7 * BAR + 1440, duration: 480 },
  ],
};
const region = { startBar: 4, endBar: 8, pitchLo: 48, pitchHi: 84, trackIds: ["melody"] };

describe("resolveRegion", () => {
  it("accepts an infill region inside the piece as is", () => {
    expect(resolveRegion({ mode: "infill", region }, piece)).toEqual({ ok: true, region });
  });

  it("puts a continuation right after the region", () => {
    expect(resolveRegion({ mode: "continue", region: { ...region, startBar: 0 }, bars: 2 }, piece)).toEqual({
      ok: true,
      region: { ...region, startBar: 8, endBar: 10 },
    });
    const d = resolveRegion({ mode: "continue", region }, piece);
    expect(d.ok && [d.region.startBar, d.region.endBar]).toEqual([8, 12]);
  });

  it("continues a region that ends past the piece from where the piece ends", () => {
    const past = resolveRegion({ mode: "continue", region: { ...region, startBar: 12, endBar: 14 }, bars: 3 }, piece);
    expect(past).toEqual({ ok: true, region: { ...region, startBar: 8, endBar: 11 } });
    const empty = resolveRegion({ mode: "continue", region: { ...region, startBar: 0, endBar: 2 }, bars: 4 }, { ...piece, notes: [] });
    expect(empty.ok && [empty.region.startBar, empty.region.endBar]).toEqual([0, 4]);
  });

  it("lets an empty piece be infilled in its first bar or continued", () => {
    const empty = { ...piece, notes: [] };
    expect(resolveRegion({ mode: "infill", region: { ...region, startBar: 0, endBar: 1 } }, empty).ok).toBe(true);
    expect(resolveRegion({ mode: "continue", region: { ...region, startBar: 0, endBar: 0 + 1 }, bars: 4 }, empty).ok).toBe(true);
  });

  it.each([
    [{ ...region, endBar: 4 }, /region is empty/],
    [{ ...region, startBar: -1 }, /before the start/],
    [{ ...region, pitchLo: 90 }, /lowest pitch \(90\) is above its highest \(84\)/],
    [{ ...region, trackIds: [] }, /no tracks/],
    [{ ...region, trackIds: ["melody", "kazoo"] }, /no track "kazoo"/],
    [{ ...region, startBar: 0, endBar: 17 }, /at most 16 bars at once; this region has 17/],
    [{ ...region, endBar: 9 }, /goes past the end of the piece at bar 8; use continue/],
  ])("refuses the infill %j", (bad, message) => {
    const r = resolveRegion({ mode: "infill", region: bad }, piece);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(message);
  });

  it("refuses a continuation that would overlap the piece, or is too long, and bars on an infill", () => {
    const early = resolveRegion({ mode: "continue", region: { ...region, endBar: 6 } }, piece);
    expect(!early.ok && early.message).toMatch(/after the piece's last note \(in bar 8\)/);
    expect(resolveRegion({ mode: "continue", region, bars: 17 }, piece).ok).toBe(false);
    expect(resolveRegion({ mode: "infill", region, bars: 2 }, piece).ok).toBe(false);
  });

  it("measures bars in the piece's meter", () => {
    const threeFour = { ...piece, meta: { ...DEFAULT_META, beatsPerBar: 3 } };
    // The last note ends 15360 ticks in: 10 2/3 bars of 3/4, so the piece is 11 bars long.
    expect(resolveRegion({ mode: "infill", region: { ...region, startBar: 8, endBar: 11 } }, threeFour).ok).toBe(true);
    expect(resolveRegion({ mode: "infill", region: { ...region, startBar: 8, endBar: 12 } }, threeFour).ok).toBe(false);
  });
});
