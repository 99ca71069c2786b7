/**
 * Reads what the exports need about one piece: its document (via the collab server), its ledger
 * (load-report.ts's reader, the one the contribution report uses) and its generations with settings.
 */
import { asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../../db";
import { generations, pieces, users } from "../../../db/schema";
import { docMaps, readMeta, readNotes, readTracks, type Provenance } from "../../../lib/doc-schema";
import type { Collab } from "../../services";
import { readLedgerRows } from "../load-report";
import { peopleOfPiece } from "../people";
import type { GenerationRecord, LedgerExportRow, PieceExport } from "./types";

export interface ExportDeps {
  db: Db;
  collab: Pick<Collab, "readDoc" | "flushAll">;
}

const requester = alias(users, "requester");
const decider = alias(users, "decider");

async function readGenerationRecords(db: Db, pieceId: string): Promise<GenerationRecord[]> {
  const rows = await db
    .select({
      id: generations.id,
      model: generations.model,
      modelVersion: generations.modelVersion,
      mode: generations.mode,
      requestedBy: generations.requestedBy,
      requestedByName: requester.name,
      candidateCount: generations.candidateCount,
      outcome: generations.outcome,
      acceptedCandidate: generations.acceptedCandidate,
      decidedByName: decider.name,
      settings: generations.settings,
      createdAt: generations.createdAt,
    })
    .from(generations)
    .innerJoin(requester, eq(requester.id, generations.requestedBy))
    .leftJoin(decider, eq(decider.id, generations.decidedBy))
    .where(eq(generations.pieceId, pieceId))
    .orderBy(asc(generations.createdAt));
  return rows.map((g) => ({ ...g, settings: (g.settings as Record<string, unknown> | null) ?? {} }));
}

/** Undefined when the piece does not exist. */
export async function loadPieceExport({ db, collab }: ExportDeps, pieceId: string, exportedAt = new Date()): Promise<PieceExport | undefined> {
  const [piece] = await db.select({ id: pieces.id, title: pieces.title }).from(pieces).where(eq(pieces.id, pieceId));
  if (!piece) return undefined;
  // Save pending edits first so the ledger is as current as the document (as the report does).
  await collab.flushAll().catch(() => {});
  const doc = await collab.readDoc(pieceId, (d) => ({
    meta: readMeta(d),
    tracks: readTracks(d),
    notes: readNotes(d),
    provenance: new Map<string, Provenance>(docMaps(d).provenance.entries()),
  }));
  const [rows, gens] = await Promise.all([readLedgerRows(db, pieceId), readGenerationRecords(db, pieceId)]);
  const byId = new Map(gens.map((g) => [g.id, g]));
  const ledger: LedgerExportRow[] = rows.map((r) => {
    const g = r.generationId ? byId.get(r.generationId) : undefined;
    return { ...r, model: g?.model ?? null, modelVersion: g?.modelVersion ?? null, settings: g?.settings ?? null };
  });

  const people = await peopleOfPiece(db, ledger, doc.provenance);
  return { piece, ...doc, ledger, generations: gens, people, exportedAt };
}
