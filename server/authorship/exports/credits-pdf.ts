/**
 * The credits sheet as a PDF, drawn server-side with pdfkit in its built-in Helvetica. Those fonts
 * cover Windows-1252 only, so other characters print as "?" and the sheet says so (the HTML sheet
 * has every name in full).
 */
import PDFDocument from "pdfkit";
import type { CreditsSheet } from "./credits-sheet";

// The characters Windows-1252 adds to Latin-1 in 0x80-0x9F.
const CP1252_EXTRA = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";

export const pdfSafe = (text: string): string =>
  [...text.normalize("NFC")]
    .map((c) => {
      const code = c.codePointAt(0)!;
      return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRA.includes(c) ? c : "?";
    })
    .join("");

export interface PdfOptions {
  /** Deflate the page streams (default true; tests read the text of an uncompressed file). */
  compress?: boolean;
  createdAt?: Date;
}

export function renderCreditsPdf(sheet: CreditsSheet, options: PdfOptions = {}): Promise<Uint8Array> {
  const all = [sheet.title, sheet.subtitle, sheet.footer, ...sheet.sections.flatMap((s) => [s.heading, ...s.paragraphs, ...(s.list ?? []), ...(s.table?.rows.flat() ?? [])])];
  const lossy = all.some((t) => pdfSafe(t) !== t.normalize("NFC"));
  const doc = new PDFDocument({
    size: "A4",
    margin: 48,
    compress: options.compress ?? true,
    info: { Title: pdfSafe(`Credits: ${sheet.title}`), Creator: "Tandem", CreationDate: options.createdAt ?? new Date() },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
  });

  doc.font("Helvetica-Bold").fontSize(20).text(pdfSafe(sheet.title));
  doc.font("Helvetica").fontSize(10).fillColor("#555555").text(pdfSafe(sheet.subtitle)).fillColor("#000000").moveDown();
  for (const s of sheet.sections) {
    doc.font("Helvetica-Bold").fontSize(13).text(pdfSafe(s.heading), doc.page.margins.left).moveDown(0.3);
    doc.font("Helvetica").fontSize(9.5);
    for (const p of s.paragraphs) doc.text(pdfSafe(p)).moveDown(0.4);
    if (s.table && s.table.rows.length > 0) {
      doc.fontSize(8); // nine columns fit A4 at this size without breaking words
      const header = s.table.columns.map((c) => ({ text: pdfSafe(c), font: { src: "Helvetica-Bold" }, backgroundColor: "#eeeeee" }));
      doc.table({
        defaultStyle: { border: 0.5, borderColor: "#bbbbbb", padding: 3 },
        data: [header, ...s.table.rows.map((r) => r.map(pdfSafe))],
      });
      doc.fontSize(9.5).moveDown();
    }
    doc.fontSize(8); // the method, in small print, keeps the sheet to one page for a small piece
    (s.list ?? []).forEach((item, i) => doc.text(`${i + 1}. ${pdfSafe(item)}`).moveDown(0.3));
    doc.moveDown(0.5);
  }
  doc.fontSize(8).fillColor("#777777").text(pdfSafe(sheet.footer), doc.page.margins.left);
  if (lossy) doc.text("Some names use characters outside this PDF's fonts and print as '?'; the HTML credits sheet shows them in full.");
  doc.end();
  return done;
}
