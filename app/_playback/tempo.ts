/** Tempo is the piece's: stored in the doc's meta, so everyone plays at the same speed. */
import type * as Y from "yjs";
import { docMaps } from "@/lib/doc-schema";

export const MIN_BPM = 20;
export const MAX_BPM = 300;

/** The origin of a tempo change (a named command, like the piano roll's). */
export const SET_TEMPO = "set-tempo";

/** Sets the tempo, rounded to 0.1 and kept in range; returns what was stored, or null for text that is not a number. */
export function setTempo(doc: Y.Doc, bpm: number): number | null {
  if (!Number.isFinite(bpm)) return null;
  const value = Math.round(Math.min(MAX_BPM, Math.max(MIN_BPM, bpm)) * 10) / 10;
  const { meta } = docMaps(doc);
  if (meta.get("bpm") !== value) doc.transact(() => meta.set("bpm", value), SET_TEMPO);
  return value;
}
