import { describe, expect, it } from "vitest";
import { loopLabel, loopToBars, parseBar } from "./loop-bars";

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

  it("reads a typed bar, and nothing from an empty or half-typed field", () => {
    expect(parseBar("3")).toBe(3);
    expect(parseBar("12.4")).toBe(12);
    expect(parseBar("99999")).toBe(2000);
    expect(parseBar("")).toBeNull();
    expect(parseBar(" ")).toBeNull();
    expect(parseBar("0")).toBeNull();
    expect(parseBar("-")).toBeNull();
  });
});
