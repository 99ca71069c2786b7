/** The piece as a MIDI file whose text meta-events carry its provenance: a header, then each note's line at its onset. */
import { writeMidiFile } from "../../../lib/midi";
import type { Figures } from "./figures";
import { noteProvenanceLine, sharesLine } from "./provenance-text";
import type { PieceExport } from "./types";

export function buildProvenanceMidi(x: PieceExport, f: Figures): Uint8Array {
  const header = [
    `Tandem provenance of "${x.piece.title}" (piece ${x.piece.id}), exported ${x.exportedAt.toISOString()}`,
    sharesLine(f),
    "Each note's origin is a text event at its onset in its track: 'note <id>: human <name>' or 'note <id>: AI <model> <version> gen <generation> seed <seed>, accepted by <name>', then 'edited by <name> (<fields>)'.",
    ...f.method.map((m) => `Method: ${m}`),
  ];
  const trackTexts = x.notes
    .slice()
    .sort((a, b) => a.start - b.start || a.pitch - b.pitch)
    .map((n) => ({ trackId: n.track, tick: n.start, text: noteProvenanceLine(f.credits.get(n.id)!) }));
  return writeMidiFile({ meta: x.meta, tracks: x.tracks, notes: x.notes }, { provenanceText: header, trackTexts });
}
