import { describe, expect, it } from "vitest";
import { CONTROL_LABELS, controlBuckets, MOOD_NAMES, MOODS, parseBucket, TRACK_CONTROLS, withMood } from "./controls";

describe("controls", () => {
  it("labels every bucket of every control", () => {
    for (const name of TRACK_CONTROLS) expect(CONTROL_LABELS[name]).toHaveLength(controlBuckets(name));
  });

  it("sets every mood's controls inside their buckets", () => {
    for (const mood of MOOD_NAMES)
      for (const [name, value] of Object.entries(MOODS[mood]))
        if (name !== "mode") expect(value).toBeLessThan(controlBuckets(name as (typeof TRACK_CONTROLS)[number]));
  });

  it("puts a mood under the controls chosen by hand, its mode on the piece's tonic", () => {
    expect(withMood("dark", { energy: 3 }, 9)).toEqual({ register: 1, energy: 3, density: 2, key: { tonic: 9, mode: "minor" } });
    expect(withMood("bright", { key: { tonic: 2, mode: "minor" } }, 0).key).toEqual({ tonic: 2, mode: "minor" });
    expect(withMood(undefined, { density: 1 }, 0)).toEqual({ density: 1 });
    expect(withMood("calm", { density: undefined }, 0).density).toBe(2);
  });

  it("reads a bucket by label or number", () => {
    expect(parseBucket("activity", "Busy")).toBe(2);
    expect(parseBucket("density", "7")).toBe(7);
    expect(parseBucket("density", "8")).toBeUndefined();
    expect(parseBucket("energy", "")).toBeUndefined();
  });
});
