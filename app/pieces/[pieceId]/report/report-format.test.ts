import { describe, expect, it } from "vitest";
import { barRange, beats, percent } from "./report-format";

describe("report formatting", () => {
  it("shows ticks as beats and fractions as percentages", () => {
    expect(beats(480)).toBe("1 beat");
    expect(beats(1920)).toBe("4 beats");
    expect(beats(720)).toBe("1.5 beats");
    expect(percent(0.333)).toBe("33%");
    expect(percent(null)).toBe("–");
  });

  it("lists bars 1-based, joining runs", () => {
    expect(barRange([0, 1, 2, 4, 6, 7])).toBe("1–3, 5, 7–8");
    expect(barRange([3])).toBe("4");
    expect(barRange([])).toBe("none");
  });
});
