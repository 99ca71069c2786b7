/**
 * The credits PDF's fonts, read from node_modules (SIL OFL 1.1): Noto Sans for Latin, Greek and
 * Cyrillic; Noto Sans Hans (Simplified Chinese, with kana) for CJK; Noto Sans KR for Hangul (and the
 * Hanja, kana and Latin around it); Noto Naskh Arabic for Arabic script, which fontkit shapes (joining
 * forms, lam-alef) and lays right to left. pdfkit embeds only the glyphs a sheet uses.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { create as parseFont, type Font } from "fontkit";

type Family = "sans" | "cjk" | "kr" | "arabic";
export type PdfFont = Family | `${Family}-bold`;

const ARABIC = /[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/u;
const HANGUL = /[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7ff]/u;
const CJK = /[\u2e80-\u2fff\u3000-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]|[\u{20000}-\u{3ffff}]/u;
/** Characters every font has, which go with the run they are in (digits do not: they read left to right). */
const NEUTRAL = /[\s\p{P}\p{S}]/u;

const withWeight = (family: Family, bold: boolean): PdfFont => (bold ? `${family}-bold` : family);

const familyOfChar = (c: string): Family => (ARABIC.test(c) ? "arabic" : HANGUL.test(c) ? "kr" : CJK.test(c) ? "cjk" : "sans");

/**
 * The one font for a text that must be drawn in a single font (a table cell): Arabic, Korean or CJK
 * as soon as the text holds such a character, else Noto Sans. Text mixing Arabic with other letters
 * needs fontRuns.
 */
export function fontFor(text: string, bold = false): PdfFont {
  const family = ARABIC.test(text) ? "arabic" : HANGUL.test(text) ? "kr" : CJK.test(text) ? "cjk" : "sans";
  return withWeight(family, bold);
}

/**
 * A text cut where its script changes, each run with the font that draws it. Spaces and punctuation go
 * with the run before them, except around Arabic: Noto Naskh Arabic has little punctuation, and space
 * after an Arabic run belongs to the left-to-right line, so only the spaces between Arabic words stay
 * in an Arabic run.
 */
export function fontRuns(text: string, bold = false): { text: string; font: PdfFont }[] {
  const chars = [...text];
  const strong = chars.map((c) => (NEUTRAL.test(c) ? null : familyOfChar(c)));
  const next: (Family | null)[] = [];
  for (let i = chars.length - 1, after: Family | null = null; i >= 0; i--) {
    next[i] = after;
    after = strong[i] ?? after;
  }
  const families: Family[] = [];
  chars.forEach((c, i) => {
    const before = families.at(-1);
    const after = next[i];
    if (strong[i]) families.push(strong[i]);
    else if (before === "arabic" && after === "arabic" && /\s/.test(c)) families.push("arabic");
    else if (before && before !== "arabic") families.push(before);
    else families.push(after && after !== "arabic" ? after : "sans");
  });
  const runs: { text: string; font: PdfFont }[] = [];
  chars.forEach((c, i) => {
    const font = withWeight(families[i], bold);
    const last = runs.at(-1);
    if (last?.font === font) last.text += c;
    else runs.push({ text: c, font });
  });
  return runs;
}

/** Options for drawing a run in this font: Arabic is laid out as one run (pdfkit otherwise shapes word by word and keeps the words left to right). */
export const runOptions = (font: PdfFont): { features?: [] } => (font.startsWith("arabic") ? { features: [] } : {});

const fontsDir = (pkg: string) => path.join(path.dirname(createRequire(import.meta.url).resolve(pkg)), "..", "fonts");

export function fontFiles(): Record<PdfFont, string> {
  const [latin, cjk, kr, arabic] = ["latin", "sc", "kr", "arabic"].map((p) => fontsDir(`@embedpdf/fonts-${p}`));
  return {
    sans: path.join(latin, "NotoSans-Regular.ttf"),
    "sans-bold": path.join(latin, "NotoSans-Bold.ttf"),
    cjk: path.join(cjk, "NotoSansHans-Regular.otf"),
    "cjk-bold": path.join(cjk, "NotoSansHans-Bold.otf"),
    kr: path.join(kr, "NotoSansKR-Regular.otf"),
    "kr-bold": path.join(kr, "NotoSansKR-Bold.otf"),
    arabic: path.join(arabic, "NotoNaskhArabic-Regular.ttf"),
    "arabic-bold": path.join(arabic, "NotoNaskhArabic-Bold.ttf"),
  };
}

/** Every font a set of texts needs, both weights of each family (headings are bold), Noto Sans always. */
export function fontsUsed(texts: readonly string[]): PdfFont[] {
  const families = new Set<Family>(["sans"]);
  for (const t of texts) for (const r of fontRuns(t)) families.add(r.font as Family);
  return [...families].flatMap((f) => [f, withWeight(f, true)]);
}

const parsed = new Map<PdfFont, Font>();

/**
 * A font parsed once per thread (on the server, the PDF worker's) and shared by every PDF drawn there: fontkit keeps the tables it has decoded
 * (cmap, GSUB, GPOS, glyph outlines), which were most of the time of a sheet (bench/credits-pdf.ts).
 * pdfkit keeps each document's subset apart, and draws synchronously, so sharing is safe.
 */
export function loadFont(font: PdfFont): Font {
  let f = parsed.get(font);
  if (!f) parsed.set(font, (f = parseFont(readFileSync(fontFiles()[font]))));
  return f;
}
