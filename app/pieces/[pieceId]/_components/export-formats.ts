/** The credit exports the menu offers, in the order it lists them; each is GET /api/pieces/<id>/export/<format>. */
import type { ExportFormatName } from "@/lib/authorship/export-formats";

export interface ExportChoice {
  format: ExportFormatName;
  label: string;
  hint: string;
}

export const EXPORT_CHOICES: readonly ExportChoice[] = [
  { format: "credits-pdf", label: "Credits sheet (PDF)", hint: "Contributors, the models' part, AI disclosure" },
  { format: "credits-html", label: "Credits sheet (HTML)", hint: "The same, as a web page" },
  { format: "ai-disclosure", label: "AI disclosure (JSON)", hint: "Per contribution area: AI involved, how much, which models" },
  { format: "musicxml", label: "Score (MusicXML)", hint: "Notes coloured by author; opens in MuseScore" },
  { format: "midi", label: "MIDI with provenance", hint: "Each note's author in a text event" },
  { format: "ledger-csv", label: "Ledger (CSV)", hint: "Every change of every note" },
  { format: "ledger-json", label: "Ledger (JSON)", hint: "The same, with the generations' settings" },
];

export const exportUrl = (pieceId: string, format: string): string =>
  `/api/pieces/${encodeURIComponent(pieceId)}/export/${encodeURIComponent(format)}`;

/** The file name from a Content-Disposition header: filename* (UTF-8) first, then filename. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const star = disposition?.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  if (star) {
    try {
      return decodeURIComponent(star);
    } catch {
      // a malformed escape: fall through to the plain name
    }
  }
  return disposition?.match(/filename="([^"]+)"/i)?.[1] ?? fallback;
}
