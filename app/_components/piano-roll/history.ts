/**
 * One person's undo history: Ctrl+Z undoes their last operation, whatever it was. Three kinds of step:
 * - their own commands (notes, tracks, the key, time signature and chord symbols), through a Y.UndoManager that
 *   tracks LocalEdit origins only (a collaborator's edits arrive with the provider as origin and are never undone
 *   here; the tempo and a track's mix are not LocalEdits, and not undone);
 * - an AI candidate they accepted, which the server wrote (accept-step.ts);
 * - an undo-by-author operation they ran (remove a model's untouched notes, revert someone's changes,
 *   undo an operation), which the server also wrote: it is undone on the server, as the panel's
 *   "Undo this" does, and the operation that undid it is what a redo undoes in turn.
 * An operation's undo is asynchronous: undo and redo asked for meanwhile wait their turn.
 */
import type * as Y from "yjs";
import type { NoteWithId } from "@/lib/doc-schema";
import { reapplyAccept, revertAccept, type AcceptStep } from "./accept-step";
import { createUndoManager } from "./commands";

export { HistoryEdit } from "./accept-step";

/** What the server answered to "undo this operation": the operation that undid it, or why it could not. */
export type OperationOutcome = { ok: true; operationId: string; label: string } | { ok: false; message: string; keep: boolean }; // keep: the step stays (the server was not reached)

/** Undoes an undo-by-author operation on the server (review.undoOperation). */
export type UndoOperation = (operationId: string) => Promise<OperationOutcome>;

export interface HistoryState {
  canUndo: boolean;
  canRedo: boolean;
  /** An operation's undo or redo is on its way to the server. */
  busy: boolean;
  /** What the last operation's undo or redo did, or why it failed. */
  message: string | null;
}

export interface PersonalHistory {
  readonly undoManager: Y.UndoManager;
  /** True when a step was undone, or is being undone on the server, or waits for the one before. */
  undo(): boolean;
  redo(): boolean;
  /** Records an accept the server just wrote for this person. */
  pushAccept(added: readonly NoteWithId[], replaced: readonly NoteWithId[]): void;
  /** Records an undo-by-author operation this person just ran. */
  pushOperation(operationId: string, label: string): void;
  canUndo(): boolean;
  canRedo(): boolean;
  getState(): HistoryState;
  subscribe(listener: () => void): () => void;
  destroy(): void;
}

interface OperationStep {
  kind: "operation";
  operationId: string;
  label: string;
}
type Step = { kind: "yjs" } | AcceptStep | OperationStep;
type Direction = "undo" | "redo";
const YJS: Step = { kind: "yjs" };

export function createHistory(doc: Y.Doc, undoOperation?: UndoOperation): PersonalHistory {
  const um = createUndoManager(doc);
  const undoStack: Step[] = [];
  const redoStack: Step[] = [];
  const waiting: Direction[] = [];
  const listeners = new Set<() => void>();
  let stepping = false;
  let busy = false;
  let edits = 0; // new steps of this person so far: an undo answered after one has nothing to redo
  let destroyed = false;
  let message: string | null = null;
  let state = snapshot();

  function snapshot(): HistoryState {
    return { canUndo: undoStack.length > 0, canRedo: redoStack.length > 0, busy, message };
  }
  function changed() {
    const next = snapshot();
    if (Object.keys(next).every((k) => next[k as keyof HistoryState] === state[k as keyof HistoryState])) return;
    state = next;
    for (const l of listeners) l();
  }

  // A new step of this person (not one of our own undo/redo calls): no redo any more.
  function pushNew(s: Step) {
    undoStack.push(s);
    redoStack.length = 0;
    waiting.length = 0; // an undo asked for before this edit must not take it back
    edits++;
    changed();
  }
  const onAdded = () => {
    if (!stepping) pushNew(YJS);
  };
  um.on("stack-item-added", onAdded);

  function request(dir: Direction): boolean {
    if (busy) {
      waiting.push(dir);
      return true;
    }
    message = null;
    const done = step(dir);
    changed();
    return done;
  }

  function step(dir: Direction): boolean {
    const from = dir === "undo" ? undoStack : redoStack;
    const to = dir === "undo" ? redoStack : undoStack;
    while (from.length > 0) {
      const s = from.pop()!;
      if (s.kind === "operation") {
        sendOperation(dir, s);
        return true;
      }
      if (s.kind === "accept") {
        to.push(s);
        if (dir === "undo" ? revertAccept(doc, s) : reapplyAccept(doc, s)) return true;
        continue;
      }
      if (stepYjs(dir, from, to)) return true;
    }
    return false;
  }

  function stepYjs(dir: Direction, from: Step[], to: Step[]): boolean {
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
    if (umTo.length === before) return false;
    to.push(YJS);
    return true;
  }

  function sendOperation(dir: Direction, s: OperationStep) {
    busy = true;
    const editsBefore = edits;
    const at = undoStack.length; // where a redone operation goes back, under any step made meanwhile
    const answer = undoOperation!(s.operationId).catch((err: unknown): OperationOutcome => ({ ok: false, message: String(err), keep: true }));
    void answer.then((outcome) => {
      if (destroyed) return;
      busy = false;
      if (outcome.ok) {
        const next: OperationStep = { kind: "operation", operationId: outcome.operationId, label: outcome.label };
        if (dir === "redo") undoStack.splice(at, 0, next);
        else if (edits === editsBefore) redoStack.push(next);
        message = outcome.label;
      } else {
        if (outcome.keep) (dir === "undo" ? undoStack : redoStack).push(s);
        message = outcome.message;
      }
      changed();
      while (!busy && waiting.length > 0) step(waiting.shift()!);
      changed();
    });
  }

  return {
    undoManager: um,
    undo: () => request("undo"),
    redo: () => request("redo"),
    pushAccept(added, replaced) {
      um.clear(false, true);
      pushNew({ kind: "accept", added, replaced });
    },
    pushOperation(operationId, label) {
      if (!undoOperation) throw new Error("This history cannot undo operations: it was created without an UndoOperation");
      um.clear(false, true);
      pushNew({ kind: "operation", operationId, label });
    },
    canUndo: () => undoStack.length > 0,
    canRedo: () => redoStack.length > 0,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      destroyed = true;
      listeners.clear();
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
