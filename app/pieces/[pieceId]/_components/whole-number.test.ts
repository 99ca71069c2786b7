import { describe, expect, it } from "vitest";
import { parseWhole } from "./whole-number";

describe("parseWhole", () => {
  it("reads a typed number, rounded and capped", () => {
    expect(parseWhole("3", 1, 2000)).toBe(3);
    expect(parseWhole("12.4", 1, 2000)).toBe(12);
    expect(parseWhole("99999", 1, 2000)).toBe(2000);
    expect(parseWhole("0", 0, 127)).toBe(0);
    expect(parseWhole("200", 0, 127)).toBe(127);
  });

  it("reads nothing from an empty or half-typed field, or below the minimum", () => {
    expect(parseWhole("", 1, 2000)).toBeNull();
    expect(parseWhole(" ", 0, 127)).toBeNull();
    expect(parseWhole("0", 1, 2000)).toBeNull();
    expect(parseWhole("-", 0, 127)).toBeNull();
  });
});
