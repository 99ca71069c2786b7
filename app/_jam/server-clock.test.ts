import { describe, expect, it } from "vitest";
import { CLOCK_SAMPLES_KEPT, clockOffset, keepSample, type ClockSample } from "./server-clock";

const sample = (sentAt: number, receivedAt: number, serverNow: number): ClockSample => ({ sentAt, receivedAt, serverNow });

describe("the server's clock", () => {
  it("reads the server's time half-way through the round trip", () => {
    expect(clockOffset([sample(1_000, 1_040, 5_020)])).toBe(4_000);
    expect(clockOffset([])).toBeNull();
  });

  it("follows the quickest round trip, wherever it came in the list", () => {
    const slow = sample(0, 400, 10_300); // answered late in its trip: 10_100 off
    const quick = sample(1_000, 1_010, 11_005); // 10_000 off
    expect(clockOffset([slow, quick, sample(2_000, 2_300, 12_000)])).toBe(10_000);
  });

  it("keeps the latest samples, and none from a clock that stepped back", () => {
    let kept: ClockSample[] = [];
    for (let i = 0; i < CLOCK_SAMPLES_KEPT + 3; i++) kept = keepSample(kept, sample(i * 100, i * 100 + 20 + i, 0));
    expect(kept).toHaveLength(CLOCK_SAMPLES_KEPT);
    expect(kept[0].sentAt).toBe(300);
    expect(keepSample(kept, sample(5_000, 4_990, 0))).toEqual(kept);
  });
});
