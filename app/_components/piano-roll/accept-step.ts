/**
 * An accepted AI candidate as a step of the accepter's undo history. The server writes the accept, so the
 * UndoManager never sees it; undoing it deletes the accepted notes and restores the ones they replaced, as
 * ordinary edits of this person, and redoing it does the reverse. A restored note is linked to the one it
 * restores, as Yjs links what its UndoManager redoes, so the person's earlier steps (drawing that note,
 * moving it) still undo it.
 */
import type * as Y from "yjs";
import { docMaps, type NoteWithId } from "@/lib/doc-schema";

/** Origin of the edits that undo or redo an accept: not tracked, so they add no step of their own. */
export class HistoryEdit {
  constructor(readonly command: "undoAccept" | "redoAccept") {}
}

export interface AcceptStep {
  kind: "accept";
  added: readonly NoteWithId[];
  replaced: readonly NoteWithId[];
}

/** Deletes the accepted notes still there and restores the replaced ones; true when anything changed. */
export function revertAccept(doc: Y.Doc, s: AcceptStep): boolean {
  return swapNotes(doc, s.added, s.replaced, new HistoryEdit("undoAccept"));
}

export function reapplyAccept(doc: Y.Doc, s: AcceptStep): boolean {
  return swapNotes(doc, s.replaced, s.added, new HistoryEdit("redoAccept"));
}

function swapNotes(doc: Y.Doc, remove: readonly NoteWithId[], restore: readonly NoteWithId[], origin: HistoryEdit): boolean {
  const { notes } = docMaps(doc);
  const gone = remove.filter((n) => notes.has(n.id));
  const back = restore.filter((n) => !notes.has(n.id));
  if (gone.length === 0 && back.length === 0) return false;
  doc.transact(() => {
    for (const n of gone) notes.delete(n.id);
    for (const { id, ...note } of back) {
      const before = notes._map.get(id); // the note as last written, since deleted (by the accept, or an undo)
      notes.set(id, note);
      linkRestored(before, notes._map.get(id));
    }
  }, origin);
  return true;
}

/**
 * Marks `copy` as the restored `original` (Yjs's `redone` link, which its UndoManager sets on what it
 * redoes and follows when it undoes). Without it, undoing the step that wrote `original` found it
 * deleted and skipped it, and the restored note stayed.
 */
function linkRestored(original: Y.Item | undefined, copy: Y.Item | undefined): void {
  if (original && copy && original !== copy && original.deleted && original.redone === null) original.redone = copy.id;
}
