/**
 * A credits table drawn cell by cell, because pdfkit's own table draws a cell in one font and a cell
 * may hold names in several scripts (an "edited by" list with a Latin and an Arabic name). Equal
 * columns across the text width, a grey header row, thin borders; a row that does not fit the page
 * starts the next one.
 */
import { fontFor } from "./pdf-fonts";
import { writeRuns } from "./pdf-runs";

const PADDING = 3;
const BORDER = 0.5;
const BORDER_COLOUR = "#bbbbbb";
const HEADER_BACKGROUND = "#eeeeee";
const TEXT_COLOUR = "#000000";

export function drawTable(doc: PDFKit.PDFDocument, columns: readonly string[], rows: readonly (readonly string[])[]): void {
  const left = doc.page.margins.left;
  const colWidth = (doc.page.width - left - doc.page.margins.right) / columns.length;
  const textWidth = colWidth - 2 * PADDING;
  // An estimate to decide page breaks and paint the header's background before its text; the drawn text has the last word.
  const estimate = (cells: readonly string[], bold: boolean) =>
    Math.max(...cells.map((c) => doc.font(fontFor(c, bold)).heightOfString(c.normalize("NFC") || " ", { width: textWidth }))) + 2 * PADDING;

  let y = doc.y;
  [columns, ...rows].forEach((cells, r) => {
    const header = r === 0;
    let height = estimate(cells, header);
    if (y + height > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      y = doc.page.margins.top;
    }
    if (header) doc.save().rect(left, y, colWidth * columns.length, height).fill(HEADER_BACKGROUND).restore();
    doc.fillColor(TEXT_COLOUR); // pdfkit carries the fill colour it last set onto later pages, whatever restore() did
    cells.forEach((text, c) => {
      writeRuns(doc, text, { bold: header, x: left + c * colWidth + PADDING, y: y + PADDING, width: textWidth });
      height = Math.max(height, doc.y - y + PADDING);
    });
    doc.save().lineWidth(BORDER).strokeColor(BORDER_COLOUR);
    cells.forEach((_, c) => doc.rect(left + c * colWidth, y, colWidth, height));
    doc.stroke().restore();
    y += height;
  });
  doc.x = left;
  doc.y = y;
}
