/**
 * The piece's history for the review mode's scrubber, reconstructed from the ledger's before/after rows:
 * every change in order with the note's value after it and the note's author, so the roll can show the
 * notes as they were at any moment, coloured (and filtered) by who wrote them.
 */
import type { Note, NoteWithId } from "../../lib/doc-schema";
import { noteOrigins } from "./note-origins";
import type { ContributorKey, ReportGeneration, ReportLedgerRow } from "./report-types";

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

export function replayFrames(ledger: readonly ReportLedgerRow[], generations: readonly ReportGeneration[]): ReplayFrames {
  const rows = [...ledger].sort((a, b) => a.seq - b.seq);
  const origins = noteOrigins(rows, new Map(generations.map((g) => [g.id, g])));
  const authors = new Map<ContributorKey, ReplayAuthor>();
  const changes = rows.map((r): ReplayChange => {
    const o = origins.get(r.noteId);
    const key = o?.key ?? "unattributed";
    if (!authors.has(key)) authors.set(key, { key, kind: o?.kind ?? "human", name: o?.name ?? "Unattributed" });
    return { seq: r.seq, at: r.at, noteId: r.noteId, after: r.action === "delete" ? null : r.after, author: key, by: r.authorKind === "model" && o?.kind === "model" ? `${r.actorName}, accepting ${o.name}` : r.actorName };
  });
  return { authors: [...authors.values()], changes };
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
