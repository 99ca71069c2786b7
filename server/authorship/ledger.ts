/**
 * The note ledger: one append-only row per change of one note, attributed to the authenticated
 * user whose connection (or accept) made it. Rows are built here as plain data and written by the
 * collab server in the same database transaction as the document update they describe (appendBatch in
 * server/collab/persistence.ts).
 */
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db";
import { noteLedger } from "../../db/schema/authorship";
import type { Note } from "../../lib/doc-schema";
import { sameJson } from "../collab/validate";

export type LedgerAction = "create" | "update" | "delete";
export type AuthorKind = "human" | "model";

export interface LedgerEntry {
  pieceId: string;
  noteId: string;
  action: LedgerAction;
  authorKind: AuthorKind;
  actorId: string;
  generationId: string | null;
  /** The undo-by-author operation that made the change (absent for ordinary edits). */
  operationId?: string | null;
  before: Note | null;
  after: Note | null;
}

export interface LedgerActor {
  authorKind: AuthorKind;
  actorId: string;
  generationId?: string | null;
  operationId?: string | null;
}

/** The ledger entry for a note going from `before` to `after` (undefined = absent); null when nothing changed. */
export function ledgerEntry(pieceId: string, noteId: string, before: Note | undefined, after: Note | undefined, actor: LedgerActor): LedgerEntry | null {
  if (before === undefined && after === undefined) return null;
  if (sameJson(before, after)) return null;
  const action: LedgerAction = before === undefined ? "create" : after === undefined ? "delete" : "update";
  return {
    pieceId,
    noteId,
    action,
    authorKind: actor.authorKind,
    actorId: actor.actorId,
    generationId: actor.generationId ?? null,
    ...(actor.operationId ? { operationId: actor.operationId } : {}),
    before: before ?? null,
    after: after ?? null,
  };
}

export type LedgerRow = typeof noteLedger.$inferSelect;

/** A piece's ledger in order, optionally for one note. */
export function readLedger(db: Db, pieceId: string, noteId?: string): Promise<LedgerRow[]> {
  const where = noteId === undefined ? eq(noteLedger.pieceId, pieceId) : and(eq(noteLedger.pieceId, pieceId), eq(noteLedger.noteId, noteId));
  return db.select().from(noteLedger).where(where).orderBy(asc(noteLedger.seq));
}
