/** Drawing text that mixes scripts with pdfkit: one run per script, each in its font, continued on one line. */
import { fontFor, fontRuns, runOptions, type PdfFont } from "./pdf-fonts";

type Run = { text: string; font: PdfFont };

export interface RunsPlacement {
  bold?: boolean;
  /** Where the text starts (the current position when absent). */
  x?: number;
  y?: number;
  /** The width it wraps in (the page's, from x, when absent). */
  width?: number;
}

/** Writes a text (NFC-normalised) one script run at a time; the position ends below it, as after doc.text. */
export function writeRuns(doc: PDFKit.PDFDocument, text: string, at: RunsPlacement = {}): PDFKit.PDFDocument {
  const runs = visualOrder(fontRuns(text.normalize("NFC"), at.bold));
  if (runs.length === 0) runs.push({ text: "", font: fontFor("", at.bold) });
  runs.forEach((r, i) => {
    const options = { continued: i < runs.length - 1, ...(at.width === undefined ? {} : { width: at.width }), ...runOptions(r.font) };
    doc.font(r.font);
    if (i === 0 && (at.x !== undefined || at.y !== undefined)) doc.text(r.text, at.x, at.y, options);
    else doc.text(r.text, options);
  });
  return doc;
}

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;
const MIRRORED: Record<string, string> = { "(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{", "<": ">", ">": "<", "«": "»", "»": "«", "‹": "›", "›": "‹" };
const isArabic = (r: Run) => r.font.startsWith("arabic");

/**
 * The runs in the order they are drawn, left to right, for a left-to-right line. Each Arabic run is laid
 * out right to left by fontkit, but a stretch of Arabic interrupted only by punctuation, spaces or numbers
 * ("ليلى - حسن", "ليلى (عازفة) حسن") reads right to left as a whole, as the Unicode bidi algorithm places
 * it: its runs go in reverse order, and the punctuation in it is reversed and its brackets mirrored
 * (numbers keep their digits in order). Latin letters end such a stretch. A stretch that wraps onto a
 * second line is not reordered across the break (names and table cells fit on one).
 */
export function visualOrder(runs: readonly Run[]): Run[] {
  const out: Run[] = [];
  for (let i = 0; i < runs.length; ) {
    if (!isArabic(runs[i])) {
      out.push(runs[i++]);
      continue;
    }
    // The stretch: from this Arabic run to the last Arabic run reached through runs without letters.
    let end = i;
    for (let j = i + 1; j < runs.length && (isArabic(runs[j]) || !LETTER.test(runs[j].text)); j++) if (isArabic(runs[j])) end = j;
    for (let k = end; k >= i; k--) out.push(isArabic(runs[k]) || DIGIT.test(runs[k].text) ? runs[k] : mirrored(runs[k]));
    i = end + 1;
  }
  return out;
}

const mirrored = (r: Run): Run => ({ ...r, text: [...r.text].reverse().map((c) => MIRRORED[c] ?? c).join("") });
