import { describe, expect, it } from "vitest";
import { DEFAULT_VIEWPORT } from "./geometry";
import { pointerCursor, viewportAfterWheel } from "./pointer";

const at = { area: "grid" as const, onMark: false, hit: null, tool: "draw" as const, editable: true };
const wheel = { ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, deltaX: 0, deltaY: 0, offsetX: 100, offsetY: 100 };

describe("pointerCursor", () => {
  it("says what a click would do", () => {
    expect(pointerCursor(at)).toBe("crosshair");
    expect(pointerCursor({ ...at, editable: false })).toBe("default");
    expect(pointerCursor({ ...at, onMark: true, area: "ruler" })).toBe("pointer");
    expect(pointerCursor({ ...at, area: "lane" })).toBe("col-resize");
    expect(pointerCursor({ ...at, hit: "end" })).toBe("ew-resize");
    expect(pointerCursor({ ...at, hit: "end", editable: false })).toBe("grab");
    expect(pointerCursor({ ...at, hit: "body", tool: "erase" })).toBe("not-allowed");
  });
});

describe("viewportAfterWheel", () => {
  const v = { ...DEFAULT_VIEWPORT, width: 800, height: 600 };
  it("scrolls pitches, scrolls time with Shift, zooms time with Ctrl and rows with Alt", () => {
    expect(viewportAfterWheel(v, { ...wheel, deltaY: 120 }).topPitch).toBeLessThan(v.topPitch);
    expect(viewportAfterWheel(v, { ...wheel, shiftKey: true, deltaY: 120 }).scrollTick).toBeGreaterThan(v.scrollTick);
    expect(viewportAfterWheel(v, { ...wheel, ctrlKey: true, deltaY: -120 }).pxPerTick).toBeGreaterThan(v.pxPerTick);
    expect(viewportAfterWheel(v, { ...wheel, altKey: true, deltaY: -120 }).rowHeight).toBeGreaterThan(v.rowHeight);
  });
});
