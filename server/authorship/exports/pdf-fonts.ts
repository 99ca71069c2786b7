/**
 * The credits PDF's fonts, read from node_modules (SIL OFL 1.1): Noto Sans for Latin, Greek and
 * Cyrillic, and Noto Sans Hans (Simplified Chinese, with kana and Latin/Cyrillic too) for any text
 * with CJK in it. pdfkit embeds only the glyphs a sheet uses.
 */
import { createRequire } from "node:module";
import path from "node:path";

export type PdfFont = "sans" | "sans-bold" | "cjk" | "cjk-bold";

const CJK = /[\u2e80-\u2fff\u3000-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]|[\u{20000}-\u{3ffff}]/u;

/** Which font draws a run of text: the CJK font as soon as it holds a CJK character, else Noto Sans. */
export const fontFor = (text: string, bold = false): PdfFont => (CJK.test(text) ? (bold ? "cjk-bold" : "cjk") : bold ? "sans-bold" : "sans");

const fontsDir = (pkg: string) => path.join(path.dirname(createRequire(import.meta.url).resolve(pkg)), "..", "fonts");

export function fontFiles(): Record<PdfFont, string> {
  const latin = fontsDir("@embedpdf/fonts-latin");
  const cjk = fontsDir("@embedpdf/fonts-sc");
  return {
    sans: path.join(latin, "NotoSans-Regular.ttf"),
    "sans-bold": path.join(latin, "NotoSans-Bold.ttf"),
    cjk: path.join(cjk, "NotoSansHans-Regular.otf"),
    "cjk-bold": path.join(cjk, "NotoSansHans-Bold.otf"),
  };
}
