import { describe, expect, it } from "vitest";
import { parseControlFlags, parseKey } from "./cli-controls";

const fail = (message: string): never => {
  throw new Error(message);
};

describe("CLI control flags", () => {
  it("reads labels, numbers, a style, a key and a mood", () => {
    expect(parseControlFlags({ density: "5-7 a bar", activity: "busy", style: "funk", key: "A minor", mood: "calm" }, fail)).toEqual({
      controls: { density: 4, activity: 2, style: "funk", key: { tonic: 9, mode: "minor" } },
      mood: "calm",
    });
  });

  it("says what a flag takes when its value is wrong", () => {
    expect(() => parseControlFlags({ energy: "furious" }, fail)).toThrow(/--energy: expected one of soft, medium, strong, loud/);
    expect(() => parseControlFlags({ style: "polka" }, fail)).toThrow(/--style/);
    expect(() => parseControlFlags({ key: "H major" }, fail)).toThrow(/--key/);
    expect(() => parseControlFlags({ mood: "sleepy" }, fail)).toThrow(/--mood: expected one of calm/);
  });

  it("reads keys as musicians write them", () => {
    expect(parseKey("F#")).toEqual({ tonic: 6, mode: "major" });
    expect(parseKey("Bbm")).toEqual({ tonic: 10, mode: "minor" });
    expect(parseKey("c# major")).toEqual({ tonic: 1, mode: "major" });
    expect(parseKey("Db minor")).toEqual({ tonic: 1, mode: "minor" });
    expect(parseKey("X")).toBeUndefined();
  });
});
