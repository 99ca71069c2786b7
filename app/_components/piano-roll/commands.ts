/**
 * The editor's named edits. Each is one doc.transact with a LocalEdit origin, so the undo
 * manager can track this user's edits and the server can attribute them to the connection.
 */
import * as Y from "yjs";
import { MAX_TICK, docMaps, type Note } from "@/lib/doc-schema";
import { MAX_PITCH, MIN_PITCH } from "./geometry";

export type CommandName =
  | "addNote"
  | "addNotes"
  | "moveNotes"
  | "resizeNotes"
  | "deleteNotes"
  | "quantizeNotes"
  | "setVelocity"
  | "track"
  | "setMeter"
  | "setKey"
  | "setChord";

/** The origin of every local edit; UndoManager tracks it by constructor. */
export class LocalEdit {
  constructor(readonly command: CommandName) {}
}

export const DEFAULT_VELOCITY = 96;
const MAX_DURATION = 480 * 4 * 64;

export type NewNote = Omit<Note, "velocity"> & { velocity?: number };

export function addNote(doc: Y.Doc, note: NewNote, id: string = crypto.randomUUID()): string {
  const { notes } = docMaps(doc);
  doc.transact(() => {
    notes.set(id, clampNote(note));
  }, new LocalEdit("addNote"));
  return id;
}

/** Adds several notes in one step (paste, duplicate); returns their ids in order. */
export function addNotes(doc: Y.Doc, list: readonly NewNote[], command: CommandName = "addNotes"): string[] {
  const { notes } = docMaps(doc);
  const ids = list.map(() => crypto.randomUUID());
  if (list.length === 0) return ids;
  doc.transact(() => {
    list.forEach((n, i) => notes.set(ids[i], clampNote(n)));
  }, new LocalEdit(command));
  return ids;
}

const clampNote = (note: NewNote): Note => ({
  track: note.track,
  pitch: Math.round(Math.min(MAX_PITCH, Math.max(MIN_PITCH, note.pitch))),
  start: Math.round(Math.min(MAX_TICK, Math.max(0, note.start))),
  duration: Math.round(Math.min(MAX_DURATION, Math.max(1, note.duration))),
  velocity: Math.round(Math.min(127, Math.max(1, note.velocity ?? DEFAULT_VELOCITY))),
});

/** Replaces notes with new values in one step (quantize); notes deleted meanwhile are skipped. */
export function updateNotes(doc: Y.Doc, changes: ReadonlyMap<string, Note>, command: CommandName): void {
  const { notes } = docMaps(doc);
  const found = [...changes].filter(([id]) => notes.has(id));
  if (found.length === 0) return;
  doc.transact(() => {
    for (const [id, n] of found) notes.set(id, clampNote(n));
  }, new LocalEdit(command));
}

/** Sets the velocity of notes: one value for all, or one per id. */
export function setVelocity(doc: Y.Doc, velocities: ReadonlyMap<string, number>): void {
  const changes = new Map<string, Note>();
  for (const [id, n] of existing(doc, velocities.keys())) {
    const v = Math.round(Math.min(127, Math.max(1, velocities.get(id)!)));
    if (v !== n.velocity) changes.set(id, { ...n, velocity: v });
  }
  updateNotes(doc, changes, "setVelocity");
}

function existing(doc: Y.Doc, ids: Iterable<string>): [string, Note][] {
  const { notes } = docMaps(doc);
  const out: [string, Note][] = [];
  for (const id of ids) {
    const n = notes.get(id);
    if (n) out.push([id, n]);
  }
  return out;
}

/**
 * Moves notes by the same offset; the offset is clamped so the whole group stays inside the
 * document, which keeps chords and phrases intact at the edges.
 */
export function moveNotes(doc: Y.Doc, ids: Iterable<string>, dTick: number, dPitch: number): void {
  const found = existing(doc, ids);
  if (found.length === 0) return;
  const { dt, dp } = clampMove(
    found.map(([, n]) => n),
    dTick,
    dPitch,
  );
  if (dt === 0 && dp === 0) return;
  const { notes } = docMaps(doc);
  doc.transact(() => {
    for (const [id, n] of found) notes.set(id, { ...n, start: n.start + dt, pitch: n.pitch + dp });
  }, new LocalEdit("moveNotes"));
}

export function clampMove(notes: readonly Note[], dTick: number, dPitch: number): { dt: number; dp: number } {
  let dt = Math.round(dTick);
  let dp = Math.round(dPitch);
  for (const n of notes) {
    dt = Math.max(dt, -n.start);
    dt = Math.min(dt, MAX_TICK - n.start);
    dp = Math.max(dp, MIN_PITCH - n.pitch);
    dp = Math.min(dp, MAX_PITCH - n.pitch);
  }
  return { dt, dp };
}

/** Lengthens or shortens notes by the same amount, never below minDuration. */
export function resizeNotes(doc: Y.Doc, ids: Iterable<string>, dDuration: number, minDuration = 1): void {
  const found = existing(doc, ids);
  const d = Math.round(dDuration);
  if (found.length === 0 || d === 0) return;
  const { notes } = docMaps(doc);
  doc.transact(() => {
    for (const [id, n] of found) notes.set(id, { ...n, duration: resizedDuration(n.duration, d, minDuration) });
  }, new LocalEdit("resizeNotes"));
}

export const resizedDuration = (duration: number, d: number, minDuration = 1): number =>
  Math.min(MAX_DURATION, Math.max(Math.min(minDuration, duration), duration + d));

export function deleteNotes(doc: Y.Doc, ids: Iterable<string>): void {
  const found = existing(doc, ids);
  if (found.length === 0) return;
  const { notes } = docMaps(doc);
  doc.transact(() => {
    for (const [id] of found) notes.delete(id);
  }, new LocalEdit("deleteNotes"));
}

/** Per-user undo: only this client's own commands are undone, never a collaborator's. */
export const createUndoManager = (doc: Y.Doc): Y.UndoManager => {
  const { notes, tracks, meta, chords } = docMaps(doc);
  // meta holds the tempo too, which Ctrl+Z leaves alone: its edits are not LocalEdits (app/_playback/tempo.ts).
  return new Y.UndoManager([notes, tracks, meta, chords], { trackedOrigins: new Set([LocalEdit]), captureTimeout: 0 });
};
