/**
 * One person's undo history. Their own commands go through a Y.UndoManager that tracks LocalEdit
 * origins only (a collaborator's edits arrive with the provider as origin and are never undone
 * here). An accepted AI candidate is written by the server, so the UndoManager never sees it: the
 * accepter's client adds an "accept" step instead, which undoes as one step (delete the accepted
 * notes, restore the ones they replaced) and redoes likewise, as ordinary edits of this person.
 * A restored note is linked to the one it restores, as Yjs links what its UndoManager redoes, so the
 * person's earlier steps (drawing that note, moving it) still undo it.
 */
import type * as Y from "yjs";
import { docMaps, type NoteWithId } from "@/lib/doc-schema";
import { createUndoManager } from "./commands";

/** Origin of the edits that undo or redo an accept: not tracked, so they add no step of their own. */
export class HistoryEdit {
  constructor(readonly command: "undoAccept" | "redoAccept") {}
}

export interface AcceptStep {
  kind: "accept";
  added: readonly NoteWithId[];
  replaced: readonly NoteWithId[];
}
type Step = { kind: "yjs" } | AcceptStep;
const YJS: Step = { kind: "yjs" };

export interface PersonalHistory {
  readonly undoManager: Y.UndoManager;
  undo(): boolean;
  redo(): boolean;
  /** Records an accept the server just wrote for this person. */
  pushAccept(added: readonly NoteWithId[], replaced: readonly NoteWithId[]): void;
  canUndo(): boolean;
  canRedo(): boolean;
  destroy(): void;
}

export function createHistory(doc: Y.Doc): PersonalHistory {
  const um = createUndoManager(doc);
  const undoStack: Step[] = [];
  const redoStack: Step[] = [];
  let stepping = false;

  // A new edit of this person (not one of our own undo/redo calls): a fresh undo step, no redo.
  const onAdded = () => {
    if (stepping) return;
    undoStack.push(YJS);
    redoStack.length = 0;
  };
  um.on("stack-item-added", onAdded);

  function step(dir: "undo" | "redo"): boolean {
    const from = dir === "undo" ? undoStack : redoStack;
    const to = dir === "undo" ? redoStack : undoStack;
    while (from.length > 0) {
      const s = from.pop()!;
      if (s.kind === "accept") {
        to.push(s);
        if (dir === "undo" ? revertAccept(doc, s) : reapplyAccept(doc, s)) return true;
        continue;
      }
      const umFrom = dir === "undo" ? um.undoStack : um.redoStack;
      const umTo = dir === "undo" ? um.redoStack : um.undoStack;
      const before = umTo.length;
      stepping = true;
      try {
        if (dir === "undo") um.undo();
        else um.redo();
      } finally {
        stepping = false;
      }
      // The UndoManager skips items that no longer change anything (a collaborator deleted the notes).
      dropYjsAbove(from, umFrom.length);
      if (umTo.length > before) {
        to.push(YJS);
        return true;
      }
    }
    return false;
  }

  return {
    undoManager: um,
    undo: () => step("undo"),
    redo: () => step("redo"),
    pushAccept(added, replaced) {
      undoStack.push({ kind: "accept", added, replaced });
      redoStack.length = 0;
      um.clear(false, true);
    },
    canUndo: () => undoStack.length > 0,
    canRedo: () => redoStack.length > 0,
    destroy() {
      um.off("stack-item-added", onAdded);
      um.destroy();
    },
  };
}

/** Keeps as many "yjs" steps in `steps` as the UndoManager holds items, dropping the topmost extras. */
function dropYjsAbove(steps: Step[], count: number): void {
  let yjs = steps.filter((s) => s.kind === "yjs").length;
  for (let i = steps.length - 1; i >= 0 && yjs > count; i--) {
    if (steps[i].kind === "yjs") {
      steps.splice(i, 1);
      yjs--;
    }
  }
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
