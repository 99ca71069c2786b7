/**
 * doc_updates storage for one piece: load every row in order, append a batch of merged updates
 * together with its ledger entries (one statement, so no persisted update lacks its attribution),
 * and compact many rows into one.
 */
import { and, asc, eq, isNull, lte, sql } from "drizzle-orm";
import * as Y from "yjs";
import type { Db } from "../../db";
import { docUpdates } from "../../db/schema/documents";
import { pieces } from "../../db/schema/pieces";
import { noteLedger } from "../../db/schema/authorship";
import type { LedgerEntry } from "../authorship/ledger";

export class PieceNotFoundError extends Error {
  override name = "PieceNotFoundError";
  constructor(readonly pieceId: string) {
    super(`piece ${pieceId} does not exist`);
  }
}

// node-postgres binds Buffers as bytea; PGlite takes any Uint8Array. A Buffer view suits both.
const asBytea = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

export interface LoadedPiece {
  updates: Uint8Array[];
  rows: number;
  /** Several app processes: the last entry of the piece's update stream that these rows hold (null: none). */
  streamSavedTo: string | null;
}

export async function loadPiece(db: Db, pieceId: string): Promise<LoadedPiece> {
  // The stream position before the rows: rows saved in between hold entries read again later, a no-op in Yjs.
  const [piece] = await db.select({ id: pieces.id, streamSavedTo: pieces.streamSavedTo }).from(pieces).where(eq(pieces.id, pieceId));
  if (!piece) throw new PieceNotFoundError(pieceId);
  const rows = await db
    .select({ update: docUpdates.update })
    .from(docUpdates)
    .where(eq(docUpdates.pieceId, pieceId))
    .orderBy(asc(docUpdates.id));
  return { updates: rows.map((r) => r.update), rows: rows.length, streamSavedTo: piece.streamSavedTo };
}

export interface Batch {
  /** Raw updates in the order they were applied. */
  updates: Uint8Array[];
  ledger: LedgerEntry[];
}

/**
 * Appends one row holding the batch's updates merged, and the batch's ledger entries, atomically. One statement, so
 * one round trip and no transaction to open and commit: the ledger rows travel as one JSON parameter (node-postgres
 * and the database parse it natively, instead of drizzle binding eight parameters a row), and the update row is
 * written by a data-modifying CTE of the same statement. The ledger's seq follows the array order.
 */
export async function appendBatch(db: Db, pieceId: string, batch: Batch): Promise<void> {
  const updateRow =
    batch.updates.length === 0
      ? null
      : sql`INSERT INTO ${docUpdates} (piece_id, update, merged) VALUES (${pieceId}, ${asBytea(mergedUpdate(batch.updates))}, ${batch.updates.length})`;
  if (batch.ledger.length === 0) {
    if (updateRow !== null) await db.execute(updateRow);
    return;
  }
  const ledgerRows = sql`INSERT INTO ${noteLedger} (piece_id, note_id, action, author_kind, actor_id, generation_id, operation_id, before, after)
    SELECT e."pieceId", e."noteId", e.action, e."authorKind", e."actorId", e."generationId", e."operationId", e.before, e.after
    FROM ROWS FROM (json_to_recordset(${JSON.stringify(batch.ledger)}::json) AS (
      "pieceId" text, "noteId" text, action ledger_action, "authorKind" author_kind, "actorId" text,
      "generationId" text, "operationId" text, before jsonb, after jsonb
    )) WITH ORDINALITY AS e("pieceId", "noteId", action, "authorKind", "actorId", "generationId", "operationId", before, after, n)
    ORDER BY e.n`;
  await db.execute(updateRow === null ? ledgerRows : sql`WITH update_row AS (${updateRow}) ${ledgerRows}`);
}

/**
 * Several app processes: appends the stream entries after `from` up to `to` (a batch, as appendBatch) and moves the
 * piece's stream position from `from` to `to`, in one transaction. False, writing nothing, when the position is no
 * longer `from`: another process saved meanwhile (its lease ran out under this one), so nothing is written twice.
 */
export async function appendStreamBatch(db: Db, pieceId: string, batch: Batch, from: string | null, to: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const moved = await tx
      .update(pieces)
      .set({ streamSavedTo: to })
      .where(and(eq(pieces.id, pieceId), from === null ? isNull(pieces.streamSavedTo) : eq(pieces.streamSavedTo, from)))
      .returning({ id: pieces.id });
    if (moved.length === 0) return false;
    await appendBatch(tx, pieceId, batch);
    return true;
  });
}

/** The piece's stream position as the database has it now. */
export async function streamSavedTo(db: Db, pieceId: string): Promise<string | null> {
  const [piece] = await db.select({ to: pieces.streamSavedTo }).from(pieces).where(eq(pieces.id, pieceId));
  if (!piece) throw new PieceNotFoundError(pieceId);
  return piece.to;
}

const mergedUpdate = (updates: Uint8Array[]) => (updates.length === 1 ? updates[0] : Y.mergeUpdates(updates));

/**
 * Replaces all of a piece's rows with one holding the document they add up to (garbage-collected,
 * so deleted notes stop costing space). Returns the number of rows afterwards (1).
 */
export async function compactPiece(db: Db, pieceId: string): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: docUpdates.id, update: docUpdates.update, merged: docUpdates.merged })
      .from(docUpdates)
      .where(eq(docUpdates.pieceId, pieceId))
      .orderBy(asc(docUpdates.id))
      .for("update");
    if (rows.length <= 1) return rows.length;
    const doc = new Y.Doc();
    doc.transact(() => rows.forEach((r) => Y.applyUpdate(doc, r.update)));
    const update = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    const merged = rows.reduce((n, r) => n + r.merged, 0);
    await tx.delete(docUpdates).where(and(eq(docUpdates.pieceId, pieceId), lte(docUpdates.id, rows[rows.length - 1].id)));
    await tx.insert(docUpdates).values({ pieceId, update: asBytea(update), merged });
    return 1;
  });
}
