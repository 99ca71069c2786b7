import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fontFiles, fontFor, fontRuns, fontsUsed, loadFont } from "./pdf-fonts";

describe("PDF fonts", () => {
  it("picks the CJK font for text with CJK characters, Noto Sans otherwise", () => {
    expect(fontFor("Ada")).toBe("sans");
    expect(fontFor("Дмитрий Ελένη Zoë – €", true)).toBe("sans-bold");
    expect(fontFor("王菲")).toBe("cjk");
    expect(fontFor("陈 Ada", true)).toBe("cjk-bold");
    expect(fontFor("ひらがな")).toBe("cjk");
    expect(fontFor("")).toBe("sans");
    expect(fontFor("김민준")).toBe("kr");
    expect(fontFor("金 김", true)).toBe("kr-bold");
    expect(fontFor("ليلى")).toBe("arabic");
  });

  it("cuts mixed text into runs of one script, spaces and punctuation with their run (Arabic keeps only inner spaces), digits in Noto Sans", () => {
    const runs = (text: string) => fontRuns(text).map((r) => `${r.font}:${r.text}`);
    expect(runs("Ada")).toEqual(["sans:Ada"]);
    expect(runs("Duets: ليلى حسن & 김민준 2026")).toEqual(["sans:Duets: ", "arabic:ليلى حسن", "kr: & 김민준 ", "sans:2026"]);
    expect(runs("(ليلى حسن), Ada")).toEqual(["sans:(", "arabic:ليلى حسن", "sans:), Ada"]);
    expect(runs("(王菲)")).toEqual(["cjk:(王菲)"]);
    expect(fontRuns("ليلى 2", true).map((r) => r.font)).toEqual(["arabic-bold", "sans-bold"]);
    expect(fontRuns("")).toEqual([]);
  });

  it("finds every font file in node_modules", () => {
    for (const file of Object.values(fontFiles())) expect(existsSync(file), file).toBe(true);
  });

  it("loads only the families a sheet's texts need, each font parsed once per process", () => {
    expect(fontsUsed(["Ada", "Дмитрий"])).toEqual(["sans", "sans-bold"]);
    expect(fontsUsed(["王菲", "ليلى", "김"]).sort()).toEqual(["arabic", "arabic-bold", "cjk", "cjk-bold", "kr", "kr-bold", "sans", "sans-bold"]);
    const kr = loadFont("kr");
    expect(loadFont("kr")).toBe(kr);
    expect(kr.postscriptName).toBe("NotoSansKR-Regular");
    expect(kr.hasGlyphForCodePoint("김".codePointAt(0)!)).toBe(true);
  });
});
