import { describe, expect, it } from "vitest";
import { countOf, plural } from "./plural";

describe("counts in words", () => {
  it("uses the singular for exactly one, the plural otherwise, and the irregular plural when given", () => {
    expect([0, 1, 2].map((n) => countOf(n, "note"))).toEqual(["0 notes", "1 note", "2 notes"]);
    expect(countOf(1, "entry", "entries")).toBe("1 entry");
    expect(countOf(3, "entry", "entries")).toBe("3 entries");
    expect(plural(1, "comment")).toBe("comment");
    expect(plural(0.5, "beat")).toBe("beats");
  });
});
