import { describe, expect, it } from "vitest";
import { DEFAULT_VIEWPORT } from "./geometry";
import { spanBoxes } from "./span-boxes";

const bars = (n: number) => Array.from({ length: n }, (_, i) => ({ start: i * 1920, end: (i + 1) * 1920 }));

describe("spanBoxes", () => {
  it("places spans at the roll's x, from the keys' edge", () => {
    const v = { ...DEFAULT_VIEWPORT, width: 500 }; // 0.1 px a tick: a 4/4 bar is 192 px
    expect(spanBoxes(v, bars(10)).map((b) => [b.span.start, b.x, b.w])).toEqual([
      [0, 56, 192],
      [1920, 248, 192],
      [3840, 440, 60],
    ]);
  });

  it("leaves out spans scrolled past, and clips the one under the keys", () => {
    const v = { ...DEFAULT_VIEWPORT, width: 500, scrollTick: 2880 };
    const boxes = spanBoxes(v, bars(10));
    expect(boxes[0]).toMatchObject({ span: { start: 1920 }, x: 56, w: 96 });
    expect(boxes.map((b) => b.span.start)).toEqual([1920, 3840, 5760]);
  });
});
