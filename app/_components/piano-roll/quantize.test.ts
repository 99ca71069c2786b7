import { describe, expect, it } from "vitest";
import { quantized } from "./quantize";

const n = (id: string, start: number, duration: number) => ({ id, track: "t", pitch: 60, velocity: 90, start, duration });

describe("quantized", () => {
  it("moves starts and ends to the nearest grid lines and leaves on-grid notes out", () => {
    const out = quantized([n("a", 130, 100), n("b", 240, 120), n("c", 470, 5)], 120);
    expect([...out.keys()]).toEqual(["a", "c"]);
    expect(out.get("a")).toMatchObject({ start: 120, duration: 120 });
    expect(out.get("c")).toMatchObject({ start: 480, duration: 120 }); // never shorter than a step
  });

  it("quantizes to triplets and by a strength", () => {
    expect(quantized([n("a", 150, 160)], 160).get("a")).toMatchObject({ start: 160, duration: 160 });
    expect(quantized([n("a", 100, 120)], 120, 0.5).get("a")).toMatchObject({ start: 110 });
  });

  it("does nothing with snapping off", () => {
    expect(quantized([n("a", 3, 7)], 1).size).toBe(0);
  });
});
