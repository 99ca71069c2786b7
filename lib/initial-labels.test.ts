import { describe, expect, it } from "vitest";
import { initialLabels } from "./initial-labels";

const it_ = (id: string, name: string) => ({ id, name });

describe("initialLabels", () => {
  it("is each initial when they differ, numbered in order when they are shared", () => {
    expect([...initialLabels([it_("m", "Melody"), it_("c", "Chords"), it_("x", "melody 2")])]).toEqual([["m", "M1"], ["c", "C"], ["x", "M2"]]);
  });

  it("labels a blank name", () => {
    expect(initialLabels([it_("a", "  ")]).get("a")).toBe("?");
  });
});
