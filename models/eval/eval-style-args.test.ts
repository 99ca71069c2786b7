import { describe, expect, it } from "vitest";
import { parseStyleEvalArgs } from "./eval-style-args";

// --datasets given, so no test depends on a datasets folder being found.
const parse = (...argv: string[]) => parseStyleEvalArgs(["--datasets", "/nowhere", ...argv]);

describe("parseStyleEvalArgs", () => {
  it("measures the shipped method, the fine-tune, unless told otherwise", () => {
    expect(parse().method).toBe("fine-tune");
    expect(parse("--method", "style-memory").method).toBe("style-memory");
  });

  it("refuses a method it does not know, naming the flag", () => {
    expect(() => parse("--method", "lora")).toThrow(/--method/);
  });

  it("reads bands by name and numbers as numbers", () => {
    const o = parse("--bands", "chorales 1-20, drummer1", "--sample-regions", "1", "--threads", "2");
    expect(o.bands).toEqual(["chorales 1-20", "drummer1"]);
    expect(o.sampleRegions).toBe(1);
    expect(o.threads).toBe(2);
    expect(() => parse("--sample-regions", "101")).toThrow(/--sampleRegions/);
  });
});
