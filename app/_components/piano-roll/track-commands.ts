/**
 * Track edits: add, rename, remove (with its notes, in one step), instrument and volume. Add,
 * rename and remove are LocalEdit commands (undoable); instrument and volume are mix settings that a
 * slider changes many times a second, so they use MixEdit, which the undo history does not track.
 */
import type * as Y from "yjs";
import { DEFAULT_TRACK_VOLUME, docMaps, trackSchema, type Instrument, type Track, type TrackRole } from "@/lib/doc-schema";
import { LocalEdit } from "./commands";

export class MixEdit {
  constructor(readonly command: "setInstrument" | "setVolume") {}
}

export const MAX_TRACKS = 16;

/** The instrument a new track of a role gets. */
export const ROLE_INSTRUMENT: Record<TrackRole, Instrument> = {
  melody: "lead",
  counter: "pad",
  chords: "piano",
  bass: "bass",
  drums: "drums",
};

export function addTrack(doc: Y.Doc, role: TrackRole, name?: string): string | null {
  const { tracks } = docMaps(doc);
  if (tracks.size >= MAX_TRACKS) return null;
  const orders = [...tracks.values()].map((t) => t.order);
  const order = Math.min(63, orders.length === 0 ? 0 : Math.max(...orders) + 1);
  const taken = new Set([...tracks.values()].map((t) => t.name));
  const base = name?.trim() || role.charAt(0).toUpperCase() + role.slice(1);
  let label = base;
  for (let i = 2; taken.has(label); i++) label = `${base} ${i}`;
  const track: Track = { name: label.slice(0, 60), role, instrument: ROLE_INSTRUMENT[role], order, volume: DEFAULT_TRACK_VOLUME };
  const id = crypto.randomUUID();
  doc.transact(() => tracks.set(id, track), new LocalEdit("track"));
  return id;
}

function update(doc: Y.Doc, id: string, patch: Partial<Track>, origin: LocalEdit | MixEdit): boolean {
  const { tracks } = docMaps(doc);
  const current = tracks.get(id);
  if (!current) return false;
  const next = trackSchema.safeParse({ ...current, ...patch });
  if (!next.success) return false;
  doc.transact(() => tracks.set(id, next.data), origin);
  return true;
}

/** Renames a track; a blank or over-long name is refused (returns false) and changes nothing. */
export function renameTrack(doc: Y.Doc, id: string, name: string): boolean {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 60) return false;
  if (docMaps(doc).tracks.get(id)?.name === trimmed) return true;
  return update(doc, id, { name: trimmed }, new LocalEdit("track"));
}

export const setTrackInstrument = (doc: Y.Doc, id: string, instrument: Instrument): boolean =>
  update(doc, id, { instrument }, new MixEdit("setInstrument"));

export const setTrackVolume = (doc: Y.Doc, id: string, volume: number): boolean =>
  update(doc, id, { volume: Math.round(Math.min(1, Math.max(0, volume)) * 100) / 100 }, new MixEdit("setVolume"));

/** The ids of a track's notes: what removing it removes with it. */
export const noteIdsOfTrack = (doc: Y.Doc, id: string): string[] => {
  const ids: string[] = [];
  docMaps(doc).notes.forEach((n, noteId) => void (n.track === id && ids.push(noteId)));
  return ids;
};

/** Removes a track and its notes in one step; the last track cannot go (there is nowhere to draw). */
export function removeTrack(doc: Y.Doc, id: string): boolean {
  const { tracks, notes } = docMaps(doc);
  if (!tracks.has(id) || tracks.size <= 1) return false;
  doc.transact(() => {
    notes.forEach((n, noteId) => void (n.track === id && notes.delete(noteId)));
    tracks.delete(id);
  }, new LocalEdit("track"));
  return true;
}
