import { describe, expect, it } from "vitest";
import { renderCreditsHtml } from "./credits-html";
import { renderCreditsPdf } from "./credits-pdf";
import { buildCreditsSheet } from "./credits-sheet";
import { buildDisclosure } from "./disclosure";
import { computeFigures } from "./figures";
import { sharesLine } from "./provenance-text";
import { ADA, BO, MODEL, scriptedPiece } from "./test-fixture";
import { pdfGlyphRuns, pdfText } from "./test-pdf-text";

const sheetOf = (piece = scriptedPiece()) => {
  const f = computeFigures(piece);
  return buildCreditsSheet(piece, f, buildDisclosure(piece, f));
};

describe("credits sheet", () => {
  const sheet = sheetOf();

  it("lists the people with their shares and the model with its acceptance rate", () => {
    const [people, models, disclosure, method] = sheet.sections;
    expect(people.table!.rows).toEqual([
      [ADA.name, "7", "53.8%", "35.4%", "8", "0", "1", "3"],
      [BO.name, "2", "15.4%", "10.8%", "2", "4", "1", "-"],
    ]);
    expect(models.table!.rows).toEqual([[MODEL.model, MODEL.version, "4", "30.8%", "53.9%", "1", "20.0% (1 of 5 candidates)", BO.name, ADA.name]]);
    expect(disclosure.table!.rows.map((r) => r[2])).toEqual(["No AI", "AI-generated, edited by a person", "AI-generated, selected by a person", "Not applicable"]);
    expect(method.list!.length).toBeGreaterThan(3);
  });

  it("as HTML: names, shares and method present, user text escaped", () => {
    const html = renderCreditsHtml(sheet);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("<td>Bo &quot;Beats&quot;, Jr. &lt;b&gt;&amp;</td>");
    expect(html).not.toContain("<b>&");
    expect(html).toContain("<h1>Études &amp; &quot;Duets&quot; &lt;1&gt;</h1>");
    expect(html).toContain(`<td>${MODEL.model}</td>`);
    expect(html).toContain("How these figures were computed");
    expect(html).toContain("The AI acceptance rate is candidates accepted over candidates generated");
    expect(html).toContain("These figures are the contribution report&#39;s, computed when the file was exported");
  });

  it("counts one note as one note, in the sheet and in the MIDI file's shares", () => {
    const piece = scriptedPiece();
    piece.notes = piece.notes.slice(0, 1);
    const one = sheetOf(piece);
    expect(one.subtitle).toMatch(/^Credits: 1 note, as the piece stood on /);
    expect(sharesLine(computeFigures(piece))).toMatch(/^Shares of the 1 note: /);
  });

  it("names no source file: the method speaks to the reader, not to the code (HTML and PDF)", async () => {
    const sourcePath = /\.(ts|tsx|mjs|js)\b|\b(server|app|lib|db|models)\//;
    for (const line of sheet.sections.flatMap((s) => [s.heading, ...s.paragraphs, ...(s.list ?? [])])) expect(line).not.toMatch(sourcePath);
    const pdf = await renderCreditsPdf(sheet, { compress: false, createdAt: new Date(0) });
    expect(pdfText(pdf).join("")).not.toMatch(sourcePath);
    expect(renderCreditsHtml(sheet)).not.toMatch(sourcePath);
  });

  it("as PDF: a PDF whose text names every contributor and the model", async () => {
    const pdf = await renderCreditsPdf(sheet, { compress: false, createdAt: new Date(0) });
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe("%PDF-");
    const text = pdfText(pdf).join(""); // a wrapped line keeps its trailing space
    for (const s of [ADA.name, BO.name, MODEL.model, "20.0% (1 of 5 candidates)", "How these figures were computed", "Études & \"Duets\" <1>"]) {
      expect(text).toContain(s);
    }
    const compressed = await renderCreditsPdf(sheet);
    expect(Buffer.from(compressed.subarray(0, 5)).toString()).toBe("%PDF-");
    expect(compressed.length).toBeLessThan(pdf.length);
  });

  it("as PDF: names in Chinese, Cyrillic and Latin print as written, in embedded Noto fonts", async () => {
    const piece = scriptedPiece();
    piece.ledger = piece.ledger.map((r) => (r.actorId === BO.id ? { ...r, actorName: "王菲 Дмитрий" } : r)); // Ada stays "Ada"
    const pdf = await renderCreditsPdf(sheetOf(piece), { compress: false });
    const text = pdfText(pdf).join("\n");
    for (const name of ["王菲", "Дмитрий", "Ada"]) expect(text).toContain(name);
    expect(text).not.toMatch(/[?\ufffd]/);
    const raw = Buffer.from(pdf).toString("latin1");
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSans-Regular/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansHans-Regular/);
    expect(raw).not.toContain("Helvetica");
  });

  it("as PDF: Korean and Arabic names print in Noto Sans KR and Noto Naskh Arabic, shaped, right to left, no empty boxes", async () => {
    const [korean, arabic] = ["김민준", "ليلى حسن"];
    const piece = scriptedPiece();
    piece.piece.title = `Duets: ${arabic} & ${korean} 2026`; // one line, three scripts
    // Ada's name mixes Latin and Arabic: a table cell in two fonts.
    piece.ledger = piece.ledger.map((r) => ({ ...r, actorName: r.actorId === BO.id ? korean : r.actorName === ADA.name ? `Ali ${arabic}` : r.actorName }));
    const pdf = await renderCreditsPdf(sheetOf(piece), { compress: false });
    const runs = pdfGlyphRuns(pdf);
    expect(runs.flatMap((r) => r.glyphs).filter((g) => g.code === 0)).toEqual([]); // glyph 0 is .notdef
    expect(pdfText(pdf).join("\n")).toContain(korean);
    expect(runs.find((r) => r.glyphs.map((g) => g.text).join("") === korean)?.baseFont).toMatch(/^[A-Z]{6}\+NotoSansKR-Regular$/);

    // Arabic is drawn right to left: the glyphs read back in reverse give the name, in the Arabic font.
    const arabicRuns = runs.filter((r) => /^[A-Z]{6}\+NotoNaskhArabic(-Bold)?$/.test(r.baseFont)); // the regular face is called just NotoNaskhArabic
    const logical = arabicRuns.map((r) => `${r.baseFont.slice(7)}: ${[...r.glyphs].reverse().map((g) => g.text).join("")}`);
    // The title, then the contributors table and the model's "edited by" cell.
    expect(logical).toEqual([`NotoNaskhArabic-Bold: ${arabic}`, `NotoNaskhArabic: ${arabic}`, `NotoNaskhArabic: ${arabic}`]);
    // Shaped: ليلى's two lams join differently (initial, medial), so they are different glyphs.
    const cell = arabicRuns[1];
    const before = runs[runs.indexOf(cell) - 1];
    expect([before.baseFont.slice(7), before.glyphs.map((g) => g.text).join("")]).toEqual(["NotoSans-Regular", "Ali "]);
    expect(new Set(cell.glyphs.filter((g) => g.text === "ل").map((g) => g.code)).size).toBe(2);
    const title = runs.filter((r) => r.baseFont.endsWith("Bold")).map((r) => r.baseFont.replace(/^[A-Z]{6}\+/, ""));
    expect(title.slice(0, 3)).toEqual(["NotoSans-Bold", "NotoNaskhArabic-Bold", "NotoSansKR-Bold"]);
  });

  it("as PDF: sheets drawn at the same time with the shared fonts come out as when drawn one by one", async () => {
    const named = (name: string) => {
      const piece = scriptedPiece();
      piece.ledger = piece.ledger.map((r) => (r.actorId === BO.id ? { ...r, actorName: name } : r));
      return sheetOf(piece);
    };
    const names = ["王菲", "김민준", "ليلى حسن", "陈 Ada"];
    const render = (name: string) => renderCreditsPdf(named(name), { compress: false, createdAt: new Date(0) }).then((b) => pdfText(b).join(""));
    const together = await Promise.all(names.map(render));
    const oneByOne: string[] = [];
    for (const name of names) oneByOne.push(await render(name));
    expect(together).toEqual(oneByOne);
    names.forEach((name, i) => /\p{Script=Arabic}/u.test(name) || expect(together[i]).toContain(name)); // Arabic reads back reversed
    expect(together.join("")).not.toContain("\ufffd");
  });
});
