/** Reads what the exports need about one piece: its document (via the collab server), ledger and generations. */
import { asc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../../db";
import { generations, noteLedger, pieces, users } from "../../../db/schema";
import { docMaps, readMeta, readNotes, readTracks, type Note, type Provenance } from "../../../lib/doc-schema";
import type { Collab } from "../../services";
import type { GenerationRecord, LedgerExportRow, PieceExport } from "./types";

export interface ExportDeps {
  db: Db;
  collab: Pick<Collab, "readDoc">;
}

const decider = alias(users, "decider");

type Settings = Record<string, unknown>;

/** Undefined when the piece does not exist. */
export async function loadPieceExport({ db, collab }: ExportDeps, pieceId: string, exportedAt = new Date()): Promise<PieceExport | undefined> {
  const [piece] = await db.select({ id: pieces.id, title: pieces.title }).from(pieces).where(eq(pieces.id, pieceId));
  if (!piece) return undefined;
  const doc = await collab.readDoc(pieceId, (d) => ({
    meta: readMeta(d),
    tracks: readTracks(d),
    notes: readNotes(d),
    provenance: new Map<string, Provenance>(docMaps(d).provenance.entries()),
  }));
  const ledgerRows = await db
    .select({
      seq: noteLedger.seq,
      at: noteLedger.at,
      noteId: noteLedger.noteId,
      action: noteLedger.action,
      authorKind: noteLedger.authorKind,
      actorId: noteLedger.actorId,
      actorName: users.name,
      generationId: noteLedger.generationId,
      model: generations.model,
      modelVersion: generations.modelVersion,
      settings: generations.settings,
      before: noteLedger.before,
      after: noteLedger.after,
    })
    .from(noteLedger)
    .innerJoin(users, eq(users.id, noteLedger.actorId))
    .leftJoin(generations, eq(generations.id, noteLedger.generationId))
    .where(eq(noteLedger.pieceId, pieceId))
    .orderBy(asc(noteLedger.seq));
  const ledger: LedgerExportRow[] = ledgerRows.map((r) => ({
    ...r,
    settings: (r.settings as Settings | null) ?? null,
    before: (r.before as Note | null) ?? null,
    after: (r.after as Note | null) ?? null,
  }));
  const genRows = await db
    .select({
      id: generations.id,
      model: generations.model,
      modelVersion: generations.modelVersion,
      mode: generations.mode,
      requestedBy: generations.requestedBy,
      requestedByName: users.name,
      candidateCount: generations.candidateCount,
      outcome: generations.outcome,
      acceptedCandidate: generations.acceptedCandidate,
      decidedByName: decider.name,
      settings: generations.settings,
      createdAt: generations.createdAt,
    })
    .from(generations)
    .innerJoin(users, eq(users.id, generations.requestedBy))
    .leftJoin(decider, eq(decider.id, generations.decidedBy))
    .where(eq(generations.pieceId, pieceId))
    .orderBy(asc(generations.createdAt));
  const gens: GenerationRecord[] = genRows.map((g) => ({ ...g, settings: (g.settings as Settings) ?? {} }));

  const people = new Map<string, string>(ledger.map((r) => [r.actorId, r.actorName]));
  const unnamed = [...doc.provenance.values()].flatMap((p) => p.editedBy ?? []).filter((id) => !people.has(id));
  if (unnamed.length > 0) {
    for (const u of await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [...new Set(unnamed)]))) {
      people.set(u.id, u.name);
    }
  }
  return { piece, ...doc, ledger, generations: gens, people, exportedAt };
}
