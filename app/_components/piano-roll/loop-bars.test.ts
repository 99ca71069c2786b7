import { describe, expect, it } from "vitest";
import { loopLabel, loopToBars } from "./loop-bars";

const off = { on: false, startBar: 0, endBar: 4 };

describe("loop bars", () => {
  it("turns a tick loop into whole bars, and null into loop off", () => {
    expect(loopToBars({ startTick: 1920, endTick: 5760 }, 1920, off)).toEqual({ on: true, startBar: 1, endBar: 3 });
    expect(loopToBars({ startTick: 100, endTick: 200 }, 1920, off)).toEqual({ on: true, startBar: 0, endBar: 1 });
    expect(loopToBars(null, 1920, { on: true, startBar: 2, endBar: 5 })).toEqual({ on: false, startBar: 2, endBar: 5 });
  });

  it("labels bars 1-based", () => {
    expect(loopLabel({ startTick: 1920, endTick: 5760 }, 1920)).toBe("bars 2–3");
    expect(loopLabel({ startTick: 0, endTick: 1920 }, 1920)).toBe("bar 1");
  });
});
