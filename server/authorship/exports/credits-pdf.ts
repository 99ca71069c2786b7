/**
 * The credits sheet as a PDF, drawn server-side with pdfkit in embedded Noto fonts (pdf-fonts.ts), so
 * names in Chinese, Japanese kana, Korean, Arabic, Cyrillic or Greek print as written: each run of a
 * script in its own font, Arabic shaped and right to left within a left-to-right line. The server draws it in a worker
 * thread (credits-pdf-renderer.ts); this function is the drawing itself, and blocks its thread while it draws.
 */
import PDFDocument from "pdfkit";
import type { CreditsSheet } from "./credits-sheet";
import { fontsUsed, loadFont } from "./pdf-fonts";
import { writeRuns } from "./pdf-runs";
import { drawTable } from "./pdf-table";

export interface PdfOptions {
  /** Deflate the page streams (default true; tests read the text of an uncompressed file). */
  compress?: boolean;
  createdAt?: Date;
}

export function renderCreditsPdf(sheet: CreditsSheet, options: PdfOptions = {}): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: "A4",
    margin: 48,
    compress: options.compress ?? true,
    info: { Title: `Credits: ${sheet.title}`, Creator: "Tandem", CreationDate: options.createdAt ?? new Date() },
  });
  const texts = [sheet.title, sheet.subtitle, sheet.footer, ...sheet.sections.flatMap((s) => [s.heading, ...s.paragraphs, ...(s.list ?? []), ...(s.table?.columns ?? []), ...(s.table?.rows.flat() ?? [])])];
  // pdfkit takes a parsed fontkit font as well as a file (PDFFontFactory.open); its types list only files and bytes.
  for (const name of fontsUsed(texts)) doc.registerFont(name, loadFont(name) as unknown as PDFKit.Mixins.PDFFontSource);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
  });
  const write = (text: string, bold = false, x?: number) => writeRuns(doc, text, { bold, x });

  doc.fontSize(20);
  write(sheet.title, true);
  doc.fontSize(10).fillColor("#555555");
  write(sheet.subtitle).fillColor("#000000").moveDown();
  for (const s of sheet.sections) {
    doc.fontSize(13);
    write(s.heading, true, doc.page.margins.left).moveDown(0.3);
    doc.fontSize(9.5);
    for (const p of s.paragraphs) write(p).moveDown(0.4);
    if (s.table && s.table.rows.length > 0) {
      doc.fontSize(8); // nine columns fit A4 at this size without breaking words
      drawTable(doc, s.table.columns, s.table.rows);
      doc.fontSize(9.5).moveDown();
    }
    doc.fontSize(8); // the method, in small print, keeps the sheet to one page for a small piece
    (s.list ?? []).forEach((item, i) => write(`${i + 1}. ${item}`).moveDown(0.3));
    doc.moveDown(0.5);
  }
  doc.fontSize(8).fillColor("#777777");
  write(sheet.footer, false, doc.page.margins.left);
  doc.end();
  return done;
}
