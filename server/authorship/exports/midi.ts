/** The piece as a MIDI file whose text meta-events carry its provenance: a header, then, bar by bar, each note's origin. */
import { writeMidiFile } from "../../../lib/midi";
import type { Figures } from "./figures";
import { barProvenanceTexts, sharesLine } from "./provenance-text";
import type { PieceExport } from "./types";

export function buildProvenanceMidi(x: PieceExport, f: Figures): Uint8Array {
  const header = [
    `Tandem provenance of "${x.piece.title}" (piece ${x.piece.id}), exported ${x.exportedAt.toISOString()}`,
    sharesLine(f),
    "Each bar opens (at its first note) with a text event in this track: 'bar <n>', then one line per run of notes in one track with one origin: '<track>: notes <ids>: human <name>' or '<track>: notes <ids>: AI <model> <version> gen <generation> seed <seed>, accepted by <name>', then ', edited by <name> (<fields changed>)'. A note is listed in the bar where it starts; a piece longer than 256 bars groups several bars in one event.",
    ...f.method.map((m) => `Method: ${m}`),
  ];
  const names = new Map([...x.tracks].sort((a, b) => a.order - b.order).map((t) => [t.id, t.name]));
  const timedTexts = barProvenanceTexts(x.notes, names, f.credits, x.meta);
  return writeMidiFile({ meta: x.meta, tracks: x.tracks, notes: x.notes }, { provenanceText: header, timedTexts });
}
