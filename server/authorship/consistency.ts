/**
 * The integrity check: replay the ledger, row by row, to the set of notes it says the piece holds, and
 * compare that with the Y.Doc. Any difference is drift: a change that reached the document without its
 * ledger row, or the reverse. Each row's `before` is also checked against the replay so far (a broken chain).
 */
import type { Note, NoteWithId } from "../../lib/doc-schema";
import type { ReportLedgerRow } from "../../lib/authorship/report-types";
import { changedFields } from "./edit-kinds";

export interface Drift {
  noteId: string;
  problem: "missing-from-doc" | "missing-from-ledger" | "different";
  fields: (keyof Note)[];
  ledger: Note | null;
  doc: Note | null;
}

export interface ConsistencyReport {
  ok: boolean;
  ledgerRows: number;
  ledgerNotes: number;
  docNotes: number;
  drift: Drift[];
  /** Rows whose `before` is not what the rows ahead of them left (seq of each). */
  brokenChain: number[];
  method: string;
}

export const CONSISTENCY_METHOD =
  "The ledger is replayed in order (create and update set a note to the row's 'after', delete removes it) and the notes it ends with are compared with the shared document by id, track, pitch, start, duration and velocity.";

export function replayLedger(rows: readonly Pick<ReportLedgerRow, "seq" | "noteId" | "action" | "before" | "after">[]): { notes: Map<string, Note>; brokenChain: number[] } {
  const notes = new Map<string, Note>();
  const brokenChain: number[] = [];
  for (const r of [...rows].sort((a, b) => a.seq - b.seq)) {
    const held = notes.get(r.noteId) ?? null;
    const chainOk = held === null ? r.before === null : r.before !== null && changedFields(held, r.before).length === 0;
    if (!chainOk) brokenChain.push(r.seq);
    if (r.action === "delete" || !r.after) notes.delete(r.noteId);
    else notes.set(r.noteId, r.after);
  }
  return { notes, brokenChain };
}

export function checkConsistency(rows: readonly ReportLedgerRow[], docNotes: readonly NoteWithId[]): ConsistencyReport {
  const { notes: replayed, brokenChain } = replayLedger(rows);
  const drift: Drift[] = [];
  const inDoc = new Map(docNotes.map(({ id, ...note }) => [id, note as Note]));
  for (const [noteId, ledger] of replayed) {
    const doc = inDoc.get(noteId);
    if (!doc) drift.push({ noteId, problem: "missing-from-doc", fields: [], ledger, doc: null });
    else {
      const fields = changedFields(ledger, doc).map((c) => c.field);
      if (fields.length > 0) drift.push({ noteId, problem: "different", fields, ledger, doc });
    }
  }
  for (const [noteId, doc] of inDoc) {
    if (!replayed.has(noteId)) drift.push({ noteId, problem: "missing-from-ledger", fields: [], ledger: null, doc });
  }
  return { ok: drift.length === 0 && brokenChain.length === 0, ledgerRows: rows.length, ledgerNotes: replayed.size, docNotes: inDoc.size, drift, brokenChain, method: CONSISTENCY_METHOD };
}
