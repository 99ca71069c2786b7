/**
 * Who a note's provenance credits when a client writes it. A new note is its writer's; an edit keeps the author and
 * adds the editor to editedBy. Provenance outlives a deleted note and keeps the note as it was deleted, so a create of
 * the same id that brings back exactly that note (an undo or redo) is a restoration and keeps its credit: an accepted
 * AI candidate undone and redone stays the model's. Any other content under a known id is not a restoration.
 */
import * as Y from "yjs";
import type { Note, Provenance } from "../../lib/doc-schema";
import type { SessionUser } from "../services";
import { sameJson } from "./validate";

/** Whether writing `note` under an id whose provenance is `existing` brings the deleted note back unchanged. */
export const isRestoration = (existing: Provenance | undefined, note: Note): boolean =>
  existing === undefined || (existing.deleted !== undefined && sameJson(existing.deleted, note));

/** A person's note: their id only, as names are looked up where they are shown (lib/authorship/people-names.ts). */
export const humanProvenance = (user: Pick<SessionUser, "id">): Provenance => ({ kind: "human", userId: user.id });

export function attribute(provenance: Y.Map<Provenance>, noteId: string, user: SessionUser, restored: boolean): void {
  const existing = provenance.get(noteId);
  if (existing === undefined) {
    provenance.set(noteId, humanProvenance(user));
    return;
  }
  if (restored) {
    const { deleted: _deleted, ...kept } = existing;
    provenance.set(noteId, kept);
    return;
  }
  if (existing.kind === "human" && existing.userId === user.id) return;
  if (existing.editedBy?.includes(user.id)) return;
  provenance.set(noteId, { ...existing, editedBy: [...(existing.editedBy ?? []), user.id] });
}

/** Keeps the deleted note in its provenance, for telling a later restoration from a new note under the same id. */
export function markDeleted(provenance: Y.Map<Provenance>, noteId: string, note: Note): void {
  const existing = provenance.get(noteId);
  if (existing !== undefined && !sameJson(existing.deleted, note)) provenance.set(noteId, { ...existing, deleted: note });
}
