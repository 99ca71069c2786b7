import { describe, expect, it } from "vitest";
import { drumName } from "./drum-names";

describe("drumName", () => {
  it("names the General MIDI kit and nothing outside it", () => {
    expect(drumName(36)).toBe("Bass Drum");
    expect(drumName(38)).toBe("Acoustic Snare");
    expect(drumName(42)).toBe("Closed Hi-Hat");
    expect(drumName(81)).toBe("Open Triangle");
    expect(drumName(34)).toBeNull();
    expect(drumName(82)).toBeNull();
  });
});
