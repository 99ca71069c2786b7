/**
 * The piece's history as review mode replays it (server/authorship/replay.ts builds it from the ledger): every change
 * in order with the note's value after it and the note's author, and the notes as they stood at any change.
 */
import type { Note, NoteWithId } from "../doc-schema";
import type { ContributorKey } from "./author-key";

export interface ReplayAuthor {
  key: ContributorKey;
  kind: "human" | "model";
  name: string;
}

export interface ReplayChange {
  seq: number;
  at: Date;
  noteId: string;
  /** The note after the change; null when the change removed it. */
  after: Note | null;
  /** Who wrote the note (its first create), which is how the replay colours and filters it. */
  author: ContributorKey;
  /** Who made this change. */
  by: string;
}

export interface ReplayFrames {
  authors: ReplayAuthor[];
  changes: ReplayChange[];
}

/** The notes as they were once every change up to and including `seq` had happened. */
export function notesAt(changes: readonly ReplayChange[], seq: number): (NoteWithId & { author: ContributorKey })[] {
  const notes = new Map<string, NoteWithId & { author: ContributorKey }>();
  for (const c of changes) {
    if (c.seq > seq) break;
    if (c.after === null) notes.delete(c.noteId);
    else notes.set(c.noteId, { ...c.after, id: c.noteId, author: c.author });
  }
  return [...notes.values()];
}
