/**
 * The credit exports by the name in their URL (GET /api/pieces/<id>/export/<format>): the server builds each of these
 * (server/authorship/exports/index.ts) and the Credits menu offers each of them.
 */
export const EXPORT_FORMAT_NAMES = ["ledger-json", "ledger-csv", "midi", "musicxml", "ai-disclosure", "credits-html", "credits-pdf"] as const;

export type ExportFormatName = (typeof EXPORT_FORMAT_NAMES)[number];
