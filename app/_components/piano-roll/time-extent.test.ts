import { describe, expect, it } from "vitest";
import { DEFAULT_VIEWPORT, clampViewport, gridWidth, maxScrollTick, minPxPerTick, scrollBy, tickToX, zoomAt, ZOOM_LIMITS } from "./geometry";
import { MIN_EXTENT_BARS, ROOM_BARS, extentTick, scrollTickAtShare, scrollbarValues, thumbOf } from "./time-extent";

const meter = { beatsPerBar: 4, beatUnit: 4 };
const BAR = 1920;
// The song: 150 bars of 4/4, on a 1440 px window's roll (keys 56 px).
const song = { ...DEFAULT_VIEWPORT, width: 1440, keysWidth: 56, pxPerTick: 0.07, endTick: extentTick(150 * BAR, meter) };

describe("time extent", () => {
  it("reaches the bar after the last note plus room to write, and at least 16 bars", () => {
    expect(extentTick(150 * BAR, meter)).toBe((150 + ROOM_BARS) * BAR);
    expect(extentTick(150 * BAR - 10, meter)).toBe((150 + ROOM_BARS) * BAR);
    expect(extentTick(150 * BAR + 10, meter)).toBe((151 + ROOM_BARS) * BAR);
    expect(extentTick(0, meter)).toBe(MIN_EXTENT_BARS * BAR);
    expect(extentTick(3 * 1440, { beatsPerBar: 3, beatUnit: 4 })).toBe(MIN_EXTENT_BARS * 1440);
    expect(() => extentTick(Number.NaN, meter)).toThrow(/tick of 0 or more/);
  });

  it("zooms out no further than the whole piece across the grid", () => {
    expect(minPxPerTick(song)).toBeCloseTo(1384 / (154 * BAR));
    const out = zoomAt(song, 700, 0.0001);
    expect(out.pxPerTick).toBeCloseTo(minPxPerTick(song));
    // All of it in view: the first bar at the grid's left edge, the extent's end at its right edge.
    expect(out.scrollTick).toBe(0);
    expect(tickToX(out, song.endTick)).toBeCloseTo(song.width);
    expect(clampViewport({ ...song, pxPerTick: 0 }).pxPerTick).toBeCloseTo(1384 / (154 * BAR));
  });

  it("keeps the old floor until the piece's end or the width is known", () => {
    expect(minPxPerTick(DEFAULT_VIEWPORT)).toBe(ZOOM_LIMITS.minPxPerTick);
    expect(minPxPerTick({ ...song, width: 0 })).toBe(ZOOM_LIMITS.minPxPerTick);
    expect(scrollBy(DEFAULT_VIEWPORT, 1e9, 0).scrollTick).toBe(1e9);
  });

  it("stops scrolling at the end of the piece and its room", () => {
    const end = scrollBy(song, 1e9, 0);
    expect(end.scrollTick).toBeCloseTo(maxScrollTick(song));
    expect(tickToX(end, song.endTick)).toBeCloseTo(song.width);
    expect(scrollBy(song, -1e9, 0).scrollTick).toBe(0);
    // A 2-bar piece reaches 16 bars; zoomed out to all of them, the view does not scroll at all.
    const short = zoomAt({ ...song, endTick: extentTick(2 * BAR, meter) }, 700, 0.0001);
    expect(short.pxPerTick).toBeCloseTo(1384 / (16 * BAR));
    expect(maxScrollTick(short)).toBe(0);
    expect(scrollBy(short, 5000, 0).scrollTick).toBe(0);
  });

  it("pulls the view back when the piece gets shorter", () => {
    const atEnd = scrollBy(song, 1e9, 0);
    const shorter = clampViewport({ ...atEnd, endTick: extentTick(100 * BAR, meter) });
    expect(tickToX(shorter, 104 * BAR)).toBeCloseTo(song.width);
  });

  it("places the scrollbar's thumb where the view is in the piece", () => {
    expect(thumbOf(song)).toEqual({ start: 0, size: expect.closeTo(1384 / 0.07 / (154 * BAR), 6) });
    const mid = { ...song, scrollTick: 77 * BAR };
    expect(thumbOf(mid).start).toBeCloseTo(0.5);
    const end = scrollBy(song, 1e9, 0);
    expect(thumbOf(end).start + thumbOf(end).size).toBeCloseTo(1);
    expect(thumbOf(zoomAt(song, 700, 0.0001))).toEqual({ start: 0, size: expect.closeTo(1, 6) });
    expect(thumbOf(DEFAULT_VIEWPORT)).toEqual({ start: 0, size: 1 });
  });

  it("turns a share of the track into a scroll position in range", () => {
    expect(scrollTickAtShare(song, 0.5)).toBe(77 * BAR);
    expect(scrollTickAtShare(song, -1)).toBe(0);
    expect(scrollTickAtShare(song, 1)).toBeCloseTo(maxScrollTick(song));
  });

  it("says which bars are in view, of how many", () => {
    expect(scrollbarValues(song, meter)).toEqual({ now: 1, max: expect.any(Number), text: `Bars 1 to ${Math.ceil(gridWidth(song) / 0.07 / BAR)} of 154` });
    const end = scrollBy(song, 1e9, 0);
    const said = scrollbarValues(end, meter);
    expect(said.now).toBe(said.max);
    expect(said.text).toMatch(/to 154 of 154$/);
  });
});
