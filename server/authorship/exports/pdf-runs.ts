/** Drawing text that mixes scripts with pdfkit: one run per script, each in its font, continued on one line. */
import { fontFor, fontRuns, runOptions } from "./pdf-fonts";

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
  const runs = fontRuns(text.normalize("NFC"), at.bold);
  if (runs.length === 0) runs.push({ text: "", font: fontFor("", at.bold) });
  runs.forEach((r, i) => {
    const options = { continued: i < runs.length - 1, ...(at.width === undefined ? {} : { width: at.width }), ...runOptions(r.font) };
    doc.font(r.font);
    if (i === 0 && (at.x !== undefined || at.y !== undefined)) doc.text(r.text, at.x, at.y, options);
    else doc.text(r.text, options);
  });
  return doc;
}
