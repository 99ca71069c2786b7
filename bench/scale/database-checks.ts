/**
 * What the database holds after a run, read as the app's own reports read it (readLedgerRows) and as a process loading
 * the piece would (storedDoc): the ledger against the edits made, each acknowledged edit in the ledger credited to its
 * writer, the stored notes against each writer's last write, and the ledger consistency check on every piece.
 */
import type { DbHandle } from "../../db";
import { readNotes, type Note } from "../../lib/doc-schema";
import type { ReportLedgerRow } from "../../lib/authorship/report-types";
import { checkConsistency } from "../../server/authorship/consistency";
import { readLedgerRows } from "../../server/authorship/load-report";
import { storedDoc } from "../../server/collab/test-harness";
import { editKey } from "../collab/edit-clock";
import { countLost } from "../collab/edit-session";
import { sleep } from "../collab/wait";
import type { EditRun } from "./edit-run";

export interface DatabaseReport {
  ledgerRows: number;
  /** Rows credited to someone other than the note's writer (every note has one writer). */
  miscredited: number;
  /** Notes whose stored state is not what their writer last wrote. */
  lostInDatabase: number;
  /** Live edits the server acknowledged that have no ledger row of their own, credited to their writer. */
  acknowledged: number;
  acknowledgedMissing: number;
  /** Pieces whose ledger replays to their stored document. */
  consistentPieces: number;
  pieces: number;
  /** The saves had settled (stored notes all as written, ledger no longer growing) before the timeout. */
  settled: boolean;
}

const SAVE_TIMEOUT_MS = 60_000;

interface Stored {
  ledger: ReportLedgerRow[];
  notes: Record<string, Note>;
}

async function readStored(db: DbHandle, pieceId: string): Promise<Stored> {
  const doc = await storedDoc(db.db, pieceId);
  const notes = Object.fromEntries(readNotes(doc).map(({ id, ...note }) => [id, note]));
  doc.destroy();
  return { ledger: await readLedgerRows(db.db, pieceId), notes };
}

/** Waits until every piece's stored notes are as written and its ledger stopped growing, then checks. */
export async function checkDatabase(db: DbHandle, run: EditRun): Promise<DatabaseReport> {
  const pieceIds = run.plan.pieceIds;
  const end = performance.now() + SAVE_TIMEOUT_MS;
  let stored: Stored[] = [];
  let rowsBefore = -1;
  let settled = false;
  while (!settled && performance.now() < end) {
    await sleep(1000);
    stored = await Promise.all(pieceIds.map((id) => readStored(db, id)));
    const rows = stored.reduce((n, s) => n + s.ledger.length, 0);
    settled = rows === rowsBefore && pieceIds.every((id, i) => countLost(run.expected(id), stored[i].notes) === 0);
    rowsBefore = rows;
  }

  const writerOf = new Map(run.collaborators.flatMap((c) => [...c.writer.expected.keys()].map((id) => [id, c.o.person.userId] as const)));
  const report: DatabaseReport = {
    ledgerRows: 0,
    miscredited: 0,
    lostInDatabase: 0,
    acknowledged: 0,
    acknowledgedMissing: 0,
    consistentPieces: 0,
    pieces: pieceIds.length,
    settled,
  };
  pieceIds.forEach((pieceId, i) => {
    const { ledger, notes } = stored[i];
    report.ledgerRows += ledger.length;
    report.miscredited += ledger.filter((r) => writerOf.get(r.noteId) !== r.actorId).length;
    report.lostInDatabase += countLost(run.expected(pieceId), notes);
    if (checkConsistency(ledger, Object.entries(notes).map(([id, note]) => ({ ...note, id }))).ok) report.consistentPieces++;

    const rows = new Set(ledger.map((r) => `${r.actorId} ${editKey(r.noteId, r.action === "delete" ? null : r.after)}`));
    const ledgered = new Set(ledger.map((r) => r.noteId));
    for (const c of run.onPiece(pieceId)) {
      for (const edit of c.acks.acknowledged) {
        report.acknowledged++;
        // A delete the server got together with the note's creation (one sync step 2) leaves no row at all, rightly.
        const kept = rows.has(`${c.o.person.userId} ${editKey(edit.id, edit.note)}`) || (edit.note === null && !ledgered.has(edit.id));
        if (!kept) report.acknowledgedMissing++;
      }
    }
  });
  return report;
}
