import { describe, expect, it } from "vitest";
import { renderCreditsPdf } from "./credits-pdf";
import { fontRuns } from "./pdf-fonts";
import { visualOrder } from "./pdf-runs";
import { pdfGlyphRuns } from "./test-pdf-text";
import { sheetNamed } from "./test-sheets";

const drawn = (text: string) => visualOrder(fontRuns(text)).map((r) => `${r.font}:${r.text}`);

describe("visualOrder", () => {
  it("leaves Latin, a lone Arabic run and Arabic in brackets in a Latin line as they are", () => {
    expect(drawn("Ada Lovelace")).toEqual(["sans:Ada Lovelace"]);
    expect(drawn("ليلى حسن")).toEqual(["arabic:ليلى حسن"]);
    expect(drawn("(ليلى حسن), Ada")).toEqual(["sans:(", "arabic:ليلى حسن", "sans:), Ada"]);
    expect(drawn("Duets: ليلى حسن & 김민준 2026")).toEqual(["sans:Duets: ", "arabic:ليلى حسن", "kr: & 김민준 ", "sans:2026"]);
  });

  it("draws Arabic words split by punctuation right to left as a whole, brackets mirrored", () => {
    expect(drawn("ليلى - حسن")).toEqual(["arabic:حسن", "sans: -", "arabic:ليلى "]);
    expect(drawn("ليلى (عازفة) حسن")).toEqual(["arabic:حسن", "sans: (", "arabic:عازفة", "sans:)", "arabic:ليلى "]);
  });

  it("keeps a number's digits in order inside an Arabic stretch, and stops the stretch at Latin letters", () => {
    expect(drawn("ليلى 12 حسن")).toEqual(["arabic:حسن", "sans: 12 ", "arabic:ليلى"]);
    expect(drawn("ليلى Ada حسن")).toEqual(["arabic:ليلى", "sans: Ada ", "arabic:حسن"]);
    expect(drawn("ليلى - حسن, Ada")).toEqual(["arabic:حسن", "sans: -", "arabic:ليلى ", "sans:, Ada"]);
  });
});

describe("writeRuns in the credits PDF", () => {
  it("prints an Arabic name with a dash right to left: the second word on the left, the first on the right", async () => {
    const pdf = await renderCreditsPdf(sheetNamed("Ada", "ليلى - حسن"), { compress: false });
    const runs = pdfGlyphRuns(pdf).map((r) => ({ font: r.baseFont.slice(7), text: r.glyphs.map((g) => g.text).join("") }));
    const reversed = (t: string) => [...t].reverse().join(""); // an Arabic run's glyphs are stored left to right
    const at = runs.findIndex((r) => r.font === "NotoNaskhArabic" && reversed(r.text) === "حسن");
    expect(at).toBeGreaterThan(-1);
    expect(runs.slice(at, at + 3).map((r) => (r.font.startsWith("NotoNaskh") ? reversed(r.text) : r.text).trim())).toEqual(["حسن", "-", "ليلى"]);
  });
});
