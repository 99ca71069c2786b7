/** Reads one note's ledger rows, its generation and the labels of the operations that touched it. */
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db";
import { authorOperations, generations, users } from "../../db/schema";
import type { Collab } from "../services";
import { readLedgerRows } from "./load-report";
import { noteHistory, type GenerationDetail, type NoteHistory } from "./provenance";

export async function loadNoteHistory(db: Db, collab: Collab, pieceId: string, noteId: string): Promise<NoteHistory> {
  await collab.flushAll().catch(() => {});
  const rows = await readLedgerRows(db, pieceId, noteId);
  const generationId = rows.find((r) => r.action === "create")?.generationId ?? null;
  let generation: GenerationDetail | null = null;
  if (generationId) {
    const [g] = await db
      .select({
        id: generations.id,
        mode: generations.mode,
        model: generations.model,
        modelVersion: generations.modelVersion,
        settings: generations.settings,
        requestedById: generations.requestedBy,
        requestedByName: users.name,
        createdAt: generations.createdAt,
      })
      .from(generations)
      .innerJoin(users, eq(users.id, generations.requestedBy))
      .where(and(eq(generations.id, generationId), eq(generations.pieceId, pieceId)));
    if (g) generation = { ...g, requestedBy: { id: g.requestedById, name: g.requestedByName } };
  }
  const opIds = [...new Set(rows.flatMap((r) => (r.operationId ? [r.operationId] : [])))];
  const ops = opIds.length
    ? await db.select({ id: authorOperations.id, label: authorOperations.label }).from(authorOperations).where(inArray(authorOperations.id, opIds))
    : [];
  const labels = new Map(ops.map((o) => [o.id, o.label]));
  return noteHistory(noteId, rows, generation, (id) => labels.get(id) ?? "an undo-by-author operation");
}
