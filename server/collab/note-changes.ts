/**
 * Server-side note changes made by an undo-by-author operation, written into a piece's Y.Doc as one
 * transaction and attributed in the ledger to the person who ran it, with the operation named. A change
 * applies only while the note still holds what the plan expected; the rest are left alone.
 */
import * as Y from "yjs";
import { docMaps, noteSchema, type Note } from "../../lib/doc-schema";
import { ledgerEntry, type LedgerActor, type LedgerEntry } from "../authorship/ledger";
import type { NoteChange, OperationAttribution } from "../authorship/undo-by-author";
import { humanProvenance } from "./note-credit";
import { asProvenanceWriter } from "./provenance-writer";
import { sameJson } from "./validate";

export interface AuthorOperationOrigin extends OperationAttribution {
  kind: "author-operation";
}

export function writeNoteChanges(
  doc: Y.Doc,
  pieceId: string,
  changes: readonly NoteChange[],
  by: OperationAttribution,
): { applied: NoteChange[]; ledger: LedgerEntry[] } {
  const maps = docMaps(doc);
  const applied: NoteChange[] = [];
  const ledger: LedgerEntry[] = [];
  const origin: AuthorOperationOrigin = { kind: "author-operation", ...by };
  doc.transact(() => {
    for (const change of changes) {
      const current = maps.notes.get(change.noteId) ?? null;
      if (!sameJson(current, change.expected)) continue;
      const next = change.next && noteSchema.parse(change.next);
      if (next === null) maps.notes.delete(change.noteId);
      else maps.notes.set(change.noteId, next);
      // A note brought back keeps its provenance (it outlives deletion); one without any is credited to nobody new.
      const p = maps.provenance.get(change.noteId);
      const restoresModelNote = current === null && p?.kind === "model";
      const actor: LedgerActor = restoresModelNote
        ? { authorKind: "model", actorId: by.userId, generationId: p.generationId, operationId: by.operationId }
        : { authorKind: "human", actorId: by.userId, operationId: by.operationId };
      if (next !== null && p === undefined) {
        asProvenanceWriter(doc, () => maps.provenance.set(change.noteId, humanProvenance({ id: by.userId })));
      }
      const entry = ledgerEntry(pieceId, change.noteId, current ?? undefined, next ?? undefined, actor);
      if (entry) ledger.push(entry);
      applied.push({ noteId: change.noteId, expected: current, next });
    }
  }, origin);
  return { applied, ledger };
}
