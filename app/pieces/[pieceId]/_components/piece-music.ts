/**
 * The piece's key, time signature and typed chord symbols: named commands on the shared document. They are LocalEdits,
 * so Ctrl+Z undoes them for the person who made them, as it does their note edits (piano-roll/history.ts). The server
 * checks each again (server/collab/validate.ts).
 */
import type * as Y from "yjs";
import { LocalEdit } from "@/app/_components/piano-roll/commands";
import type { ChordSlot } from "@/lib/chord-slots";
import { readChordSymbol } from "@/lib/chords";
import { docMaps, metaSchema } from "@/lib/doc-schema";
import type { PieceKey } from "@/lib/key";
import type { Meter } from "@/lib/time";

export const BEATS_PER_BAR = [1, 2, 3, 4, 5, 6, 7, 8] as const;
export const BEAT_UNITS = [2, 4, 8, 16] as const;

/** Sets the time signature. Notes keep their ticks, so none moves in time; bar lines fall elsewhere. */
export function setMeter(doc: Y.Doc, meter: Meter): void {
  const checked = metaSchema.pick({ beatsPerBar: true, beatUnit: true }).safeParse(meter);
  if (!checked.success) throw new Error(`${meter.beatsPerBar}/${meter.beatUnit} is not a time signature Tandem offers`);
  const { meta } = docMaps(doc);
  doc.transact(() => {
    if (meta.get("beatsPerBar") !== meter.beatsPerBar) meta.set("beatsPerBar", meter.beatsPerBar);
    if (meta.get("beatUnit") !== meter.beatUnit) meta.set("beatUnit", meter.beatUnit);
  }, new LocalEdit("setMeter"));
}

/** Sets the piece's key, or clears it (null: no key, no scale shown). */
export function setPieceKey(doc: Y.Doc, key: PieceKey | null): void {
  const { meta } = docMaps(doc);
  doc.transact(() => (key === null ? meta.delete("key") : meta.set("key", { tonic: key.tonic, mode: key.mode })), new LocalEdit("setKey"));
}

/**
 * Types a chord symbol for a slot (a bar or half bar), stored at the slot's start for everyone; empty text clears
 * it, bringing back the detected chord. Symbols stored elsewhere in the slot (from another time signature) go.
 */
export function setChordSymbol(doc: Y.Doc, slot: Pick<ChordSlot, "start" | "end">, text: string): { symbol: string | null } | { error: string } {
  const read = text.trim() === "" ? null : readChordSymbol(text);
  if (read && "error" in read) return read;
  const { chords } = docMaps(doc);
  doc.transact(() => {
    for (const key of [...chords.keys()]) {
      const tick = Number(key);
      if (tick >= slot.start && tick < slot.end && !(read && tick === slot.start)) chords.delete(key);
    }
    if (read) chords.set(String(slot.start), read.normal);
  }, new LocalEdit("setChord"));
  return { symbol: read?.normal ?? null };
}
