/** The credit exports by name (lib/authorship/export-formats.ts): each one's file name and type, and how it is built. */
import type { ExportFormatName } from "../../../lib/authorship/export-formats";
import { buildCreditsSheet } from "./credits-sheet";
import { renderCreditsHtml } from "./credits-html";
import type { PdfOptions } from "./credits-pdf";
import type { CreditsSheet } from "./credits-sheet";
import { buildDisclosure } from "./disclosure";
import { computeFigures, type Figures } from "./figures";
import { buildLedgerCsv } from "./ledger-csv";
import { buildLedgerJson } from "./ledger-json";
import { buildProvenanceMidi } from "./midi";
import { buildMusicXml } from "./musicxml";
import type { PieceExport } from "./types";

export { loadPieceExport, type ExportDeps } from "./load";
export { createCreditsPdfRenderer, CreditsPdfError, type CreditsPdfRenderer } from "./credits-pdf-renderer";

/** What a format needs besides the piece: the PDF is drawn off the event loop (credits-pdf-renderer.ts). */
export interface ExportTools {
  renderPdf(sheet: CreditsSheet, options: PdfOptions): Promise<Uint8Array>;
}

interface ExportFormat {
  /** The end of the file name, after the piece's title. */
  suffix: string;
  contentType: string;
  build(x: PieceExport, f: Figures, tools: ExportTools): string | Uint8Array | Promise<Uint8Array>;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const sheet = (x: PieceExport, f: Figures) => buildCreditsSheet(x, f, buildDisclosure(x, f));

export const EXPORT_FORMATS = {
  "ledger-json": { suffix: "ledger.json", contentType: "application/json; charset=utf-8", build: (x) => json(buildLedgerJson(x)) },
  "ledger-csv": { suffix: "ledger.csv", contentType: "text/csv; charset=utf-8; header=present", build: (x) => buildLedgerCsv(x) },
  midi: { suffix: "provenance.mid", contentType: "audio/midi", build: buildProvenanceMidi },
  musicxml: { suffix: "musicxml", contentType: "application/vnd.recordare.musicxml+xml; charset=utf-8", build: buildMusicXml },
  "ai-disclosure": { suffix: "ai-disclosure.json", contentType: "application/json; charset=utf-8", build: (x, f) => json(buildDisclosure(x, f)) },
  "credits-html": { suffix: "credits.html", contentType: "text/html; charset=utf-8", build: (x, f) => renderCreditsHtml(sheet(x, f)) },
  "credits-pdf": { suffix: "credits.pdf", contentType: "application/pdf", build: (x, f, tools) => tools.renderPdf(sheet(x, f), { createdAt: x.exportedAt }) },
} satisfies Record<ExportFormatName, ExportFormat>;

export const isExportFormat = (name: string): name is ExportFormatName => Object.hasOwn(EXPORT_FORMATS, name);

export interface BuiltExport {
  body: Uint8Array;
  contentType: string;
  fileName: string;
  /** attachment; filename="<ASCII>"; filename*=UTF-8''<the real name> (RFC 6266). */
  contentDisposition: string;
}

/** "Études & Duets" -> "Etudes-Duets": an ASCII file name; the UTF-8 one goes in filename*. */
export const fileStem = (title: string): string =>
  title
    .normalize("NFKD")
    .replace(/[^\w\s-]/g, "")
    .trim()
    .replace(/[\s_]+/g, "-")
    .slice(0, 80) || "piece";

export async function buildExport(format: ExportFormatName, x: PieceExport, tools: ExportTools): Promise<BuiltExport> {
  const spec: ExportFormat = EXPORT_FORMATS[format];
  const out = await spec.build(x, computeFigures(x), tools);
  const fileName = `${x.piece.title.trim() || "piece"}.${spec.suffix}`;
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return {
    body: typeof out === "string" ? new TextEncoder().encode(out) : out,
    contentType: spec.contentType,
    fileName,
    contentDisposition: `attachment; filename="${fileStem(x.piece.title)}.${spec.suffix}"; filename*=UTF-8''${encoded}`,
  };
}
