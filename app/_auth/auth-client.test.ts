import { describe, expect, it } from "vitest";
import { safeNext } from "./auth-client";

describe("safeNext", () => {
  it("keeps same-site paths and refuses everything else", () => {
    expect(safeNext("/invite/abc")).toBe("/invite/abc");
    expect(safeNext(null)).toBe("/pieces");
    expect(safeNext("https://evil.example")).toBe("/pieces");
    expect(safeNext("//evil.example")).toBe("/pieces");
    expect(safeNext("/\\evil.example")).toBe("/pieces");
  });
});
