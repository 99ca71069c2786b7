import { describe, expect, it } from "vitest";
import { DEFAULT_VIEWPORT } from "./geometry";
import { MARK_BAND, markAt, markBoxes, type RulerMark } from "./ruler-marks";

const v = DEFAULT_VIEWPORT; // keys 56 px, ruler 24 px, a 4/4 bar 192 px, scrolled to 0, 960 px wide
const meter = { bpm: 100, beatsPerBar: 4, beatUnit: 4 };
const mark = (id: string, startBar: number, endBar: number): RulerMark => ({ id, startBar, endBar, label: id, colour: "#fff" });
const bandY = v.rulerHeight - MARK_BAND / 2 - 1;

describe("markBoxes", () => {
  it("places a mark under its bars, in the band at the foot of the ruler", () => {
    expect(markBoxes(v, meter, [mark("a", 1, 3)])).toEqual([{ mark: mark("a", 1, 3), x: 56 + 192, y: v.rulerHeight - MARK_BAND - 1, w: 2 * 192 - 1, h: MARK_BAND }]);
  });

  it("follows the meter: a 3/4 bar is 3/4 as wide", () => {
    const [box] = markBoxes(v, { ...meter, beatsPerBar: 3 }, [mark("a", 2, 3)]);
    expect(box.x).toBe(56 + 2 * 144);
    expect(box.w).toBe(143);
  });

  it("clips marks to the ruler and leaves out those out of view or empty", () => {
    const scrolled = { ...v, scrollTick: 1920 * 2 }; // bar 3 at the left edge
    const boxes = markBoxes(scrolled, meter, [mark("before", 0, 2), mark("across", 1, 4), mark("after", 40, 41), mark("empty", 5, 5)]);
    expect(boxes.map((b) => [b.mark.id, b.x, b.w])).toEqual([["across", 56, 2 * 192 - 1]]);
  });

  it("orders the narrowest last, so it is drawn over a wider one", () => {
    expect(markBoxes(v, meter, [mark("short", 1, 2), mark("long", 0, 4)]).map((b) => b.mark.id)).toEqual(["long", "short"]);
  });
});

describe("markAt", () => {
  const marks = [mark("long", 0, 4), mark("short", 1, 2)];

  it("finds the narrowest mark under a point in the band", () => {
    expect(markAt(v, meter, marks, { x: 56 + 192 + 10, y: bandY })?.id).toBe("short");
    expect(markAt(v, meter, marks, { x: 56 + 10, y: bandY })?.id).toBe("long");
  });

  it("finds nothing above the band (where a loop is dragged), beside the marks or over the keys", () => {
    expect(markAt(v, meter, marks, { x: 56 + 10, y: 2 })).toBeNull();
    expect(markAt(v, meter, marks, { x: 56 + 5 * 192, y: bandY })).toBeNull();
    expect(markAt(v, meter, marks, { x: 20, y: bandY })).toBeNull();
  });
});
