import { describe, expect, it } from "vitest";
import {
  DEFAULT_VIEWPORT as v,
  areaAt,
  barAtX,
  isBlackKey,
  noteRect,
  pitchName,
  pitchToY,
  scrollBy,
  snapFloor,
  snapRound,
  tickToX,
  xToTick,
  yToPitch,
  velocityToY,
  yToVelocity,
  zoomAt,
  zoomRowsAt,
} from "./geometry";

const meter = { beatsPerBar: 4, beatUnit: 4 };

describe("geometry", () => {
  it("maps ticks to x and back", () => {
    expect(tickToX(v, 0)).toBe(v.keysWidth);
    expect(tickToX(v, 1920)).toBe(v.keysWidth + 192);
    for (const t of [0, 120, 1920, 7777]) expect(xToTick(v, tickToX(v, t))).toBeCloseTo(t);
    const scrolled = { ...v, scrollTick: 1920 };
    expect(tickToX(scrolled, 1920)).toBe(v.keysWidth);
  });

  it("maps pitches to rows and back, higher pitches higher up", () => {
    expect(pitchToY(v, v.topPitch)).toBe(v.rulerHeight);
    expect(pitchToY(v, 60)).toBeGreaterThan(pitchToY(v, 72));
    for (const p of [84, 72, 60, 40]) {
      expect(yToPitch(v, pitchToY(v, p))).toBe(p);
      expect(yToPitch(v, pitchToY(v, p) + v.rowHeight - 0.5)).toBe(p);
    }
  });

  it("snaps down to the grid cell and to the nearest line", () => {
    expect(snapFloor(239, 120)).toBe(120);
    expect(snapFloor(240, 120)).toBe(240);
    expect(snapRound(179, 120)).toBe(120);
    expect(snapRound(181, 120)).toBe(240);
    expect(snapRound(-61, 120)).toBe(-120);
  });

  it("tells the areas apart", () => {
    expect(areaAt(v, { x: 10, y: 10 })).toBe("corner");
    expect(areaAt(v, { x: 10, y: 100 })).toBe("keys");
    expect(areaAt(v, { x: 100, y: 10 })).toBe("ruler");
    expect(areaAt(v, { x: 100, y: 100 })).toBe("grid");
  });

  it("gives note rectangles and bars under x", () => {
    expect(noteRect(v, { start: 480, duration: 240, pitch: 84 })).toEqual({ x: v.keysWidth + 48, y: v.rulerHeight, w: 24, h: v.rowHeight });
    expect(barAtX(v, v.keysWidth + 191, meter)).toBe(0);
    expect(barAtX(v, v.keysWidth + 193, meter)).toBe(1);
    expect(barAtX(v, 0, meter)).toBe(0);
  });

  it("scrolls within range and zooms around the pointer", () => {
    expect(scrollBy(v, -500, 0).scrollTick).toBe(0);
    expect(scrollBy(v, 0, 100).topPitch).toBe(127);
    expect(scrollBy(v, 0, -200).topPitch).toBeGreaterThan(0);
    const x = v.keysWidth + 300;
    const z = zoomAt({ ...v, scrollTick: 1000 }, x, 2);
    expect(xToTick(z, x)).toBeCloseTo(xToTick({ ...v, scrollTick: 1000 }, x));
    expect(z.pxPerTick).toBeCloseTo(0.2);
  });

  it("puts the velocity lane under the rows and maps velocities into it", () => {
    const lane = { ...v, laneHeight: 80 };
    expect(areaAt(lane, { x: 100, y: v.height - 10 })).toBe("lane");
    expect(areaAt(lane, { x: 10, y: v.height - 10 })).toBe("corner");
    expect(areaAt(lane, { x: 100, y: v.height - 81 })).toBe("grid");
    expect(velocityToY(lane, 127)).toBeLessThan(velocityToY(lane, 1));
    for (const vel of [1, 64, 127]) expect(yToVelocity(lane, velocityToY(lane, vel))).toBe(vel);
    expect(yToVelocity(lane, 0)).toBe(127);
    expect(yToVelocity(lane, 10_000)).toBe(1);
  });

  it("zooms rows around a pitch", () => {
    const y = pitchToY(v, 60) + 1;
    const z = zoomRowsAt(v, y, 2);
    expect(z.rowHeight).toBe(20);
    expect(yToPitch(z, y)).toBe(60);
    expect(zoomRowsAt(v, y, 100).rowHeight).toBe(28);
  });

  it("names keys", () => {
    expect(pitchName(60)).toBe("C4");
    expect(isBlackKey(61)).toBe(true);
    expect(isBlackKey(64)).toBe(false);
  });
});
