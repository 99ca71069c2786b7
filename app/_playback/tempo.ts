/** Tempo is the piece's: stored in the doc's meta, so everyone plays at the same speed. */
import type * as Y from "yjs";
import { docMaps } from "@/lib/doc-schema";

export const MIN_BPM = 20;
export const MAX_BPM = 300;

/** The origin of a tempo change (a named command, like the piano roll's). */
export const SET_TEMPO = "set-tempo";

const inRange = (bpm: number) => Number.isFinite(bpm) && bpm >= MIN_BPM && bpm <= MAX_BPM;

/** Sets the tempo, rounded to 0.1; returns what was stored, or null for a tempo out of range (nothing changes). */
export function setTempo(doc: Y.Doc, bpm: number): number | null {
  if (!inRange(bpm)) return null;
  const value = Math.round(bpm * 10) / 10;
  const { meta } = docMaps(doc);
  if (meta.get("bpm") !== value) doc.transact(() => meta.set("bpm", value), SET_TEMPO);
  return value;
}

/** The tempo typed in the field, or why it is refused (saying that `current` stays, so nobody wonders what happened). */
export function readTempo(text: string, current: number): { bpm: number } | { error: string } {
  const range = `from ${MIN_BPM} to ${MAX_BPM} BPM`;
  const bpm = Number(text);
  if (text.trim() === "" || !Number.isFinite(bpm)) return { error: `Type a tempo ${range}. It stays at ${current}.` };
  if (inRange(bpm)) return { bpm };
  return { error: `${text.trim()} BPM is too ${bpm < MIN_BPM ? "slow" : "fast"}: the tempo goes ${range}. It stays at ${current}.` };
}
