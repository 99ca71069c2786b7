import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fontFiles, fontFor } from "./pdf-fonts";

describe("PDF fonts", () => {
  it("picks the CJK font for text with CJK characters, Noto Sans otherwise", () => {
    expect(fontFor("Ada")).toBe("sans");
    expect(fontFor("Дмитрий Ελένη Zoë – €", true)).toBe("sans-bold");
    expect(fontFor("王菲")).toBe("cjk");
    expect(fontFor("陈 Ada", true)).toBe("cjk-bold");
    expect(fontFor("ひらがな")).toBe("cjk");
    expect(fontFor("")).toBe("sans");
  });

  it("finds every font file in node_modules", () => {
    for (const file of Object.values(fontFiles())) expect(existsSync(file), file).toBe(true);
  });
});
