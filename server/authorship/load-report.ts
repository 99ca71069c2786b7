/** Reads what computeReport needs for one piece: its ledger and generations (with names) and its document now. */
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db";
import { generations, noteLedger, users } from "../../db/schema";
import { adaptationOf, adaptationWords } from "../../lib/adaptation-credit";
import { docMaps, readMeta, readNotes, type Note, type Provenance } from "../../lib/doc-schema";
import type { ContributionReport, ReportGeneration, ReportInput, ReportLedgerRow } from "../../lib/authorship/report-types";
import type { Collab } from "../services";
import { peopleOfPiece } from "./people";
import { computeReport } from "./report";

/** The ledger's columns with the actor's name (join users on actor_id). */
export const ledgerColumns = {
  seq: noteLedger.seq,
  noteId: noteLedger.noteId,
  action: noteLedger.action,
  authorKind: noteLedger.authorKind,
  actorId: noteLedger.actorId,
  actorName: users.name,
  generationId: noteLedger.generationId,
  operationId: noteLedger.operationId,
  before: noteLedger.before,
  after: noteLedger.after,
  at: noteLedger.at,
};

/** A piece's ledger (or one note's), oldest first, with the actors' names. */
export async function readLedgerRows(db: Db, pieceId: string, noteId?: string): Promise<ReportLedgerRow[]> {
  const rows = await db
    .select(ledgerColumns)
    .from(noteLedger)
    .innerJoin(users, eq(users.id, noteLedger.actorId))
    .where(and(eq(noteLedger.pieceId, pieceId), noteId === undefined ? undefined : eq(noteLedger.noteId, noteId)))
    .orderBy(asc(noteLedger.seq));
  return rows.map((r) => ({ ...r, before: r.before as Note | null, after: r.after as Note | null }));
}

export async function readGenerations(db: Db, pieceId: string): Promise<ReportGeneration[]> {
  const rows = await db
    .select({
      id: generations.id,
      requestedBy: generations.requestedBy,
      requestedByName: users.name,
      model: generations.model,
      modelVersion: generations.modelVersion,
      candidateCount: generations.candidateCount,
      outcome: generations.outcome,
      mode: generations.mode,
      createdAt: generations.createdAt,
      settings: generations.settings,
    })
    .from(generations)
    .innerJoin(users, eq(users.id, generations.requestedBy))
    .where(eq(generations.pieceId, pieceId))
    .orderBy(asc(generations.createdAt));
  return rows.map(({ settings, ...g }) => {
    const adaptation = adaptationOf(settings);
    return adaptation ? { ...g, adaptation: adaptationWords(adaptation) } : g;
  });
}

/** The piece's report inputs. Pending edits are flushed first so the ledger is as current as the document. */
export async function loadReportInput(db: Db, collab: Collab, pieceId: string): Promise<ReportInput> {
  await collab.flushAll().catch(() => {}); // a failed save leaves the doc's provenance to credit the newest notes
  const doc = await collab.readDoc(pieceId, (d) => ({
    notes: readNotes(d),
    meter: readMeta(d),
    provenance: new Map<string, Provenance>(docMaps(d).provenance.entries()),
  }));
  const [ledger, gens] = await Promise.all([readLedgerRows(db, pieceId), readGenerations(db, pieceId)]);
  const people = await peopleOfPiece(db, ledger, doc.provenance);
  const meter = { beatsPerBar: doc.meter.beatsPerBar, beatUnit: doc.meter.beatUnit };
  return { ledger, generations: gens, notes: doc.notes, meter, provenance: doc.provenance, people };
}

export async function loadReport(db: Db, collab: Collab, pieceId: string): Promise<ContributionReport> {
  return computeReport(await loadReportInput(db, collab, pieceId));
}
