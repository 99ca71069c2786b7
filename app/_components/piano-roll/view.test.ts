import { describe, expect, it } from "vitest";
import { DEFAULT_VIEWPORT as v, pitchToY, tickToX } from "./geometry";
import { applyViewAction, followPlayhead, revealPitch, revealTick } from "./view";

const meter = { beatsPerBar: 4, beatUnit: 4 };

describe("view", () => {
  it("scrolls by bars and zooms time and rows from the keyboard", () => {
    expect(applyViewAction(v, { kind: "view", bars: 2, pitch: 0, zoom: 1 }, meter).scrollTick).toBe(3840);
    expect(applyViewAction(v, { kind: "view", bars: 0, pitch: 0, zoom: 2 }, meter).pxPerTick).toBeCloseTo(0.2);
    expect(applyViewAction(v, { kind: "view", bars: 0, pitch: 0, zoom: 1, rows: 1.25 }, meter).rowHeight).toBe(13);
  });

  it("follows the playhead by pages, and back after a loop jumps left", () => {
    expect(followPlayhead(v, 1000)).toBe(v);
    const turned = followPlayhead(v, 9000);
    expect(tickToX(turned, 9000)).toBeCloseTo(v.keysWidth + 40);
    const back = followPlayhead({ ...v, scrollTick: 20_000 }, 0);
    expect(back.scrollTick).toBe(0);
  });

  it("reveals the keyboard cursor", () => {
    const low = revealPitch(v, 20);
    expect(pitchToY(low, 20) + low.rowHeight).toBeLessThanOrEqual(low.height);
    expect(revealPitch(v, 70)).toBe(v);
    expect(revealTick(v, 50_000).scrollTick).toBeGreaterThan(0);
  });
});
