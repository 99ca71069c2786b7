import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { docMaps } from "@/lib/doc-schema";
import { addNote } from "./commands";
import { createHistory, type OperationOutcome } from "./history";

const note = { track: "melody", pitch: 60, start: 0, duration: 240, velocity: 90 };
const ids = (doc: Y.Doc) => [...docMaps(doc).notes.keys()].sort();

/**
 * A stand-in for the server's undo-by-author: an operation removes notes; undoing one puts back what it
 * changed and is itself an operation (undoing an undo redoes). Answers wait until `settle` is called.
 */
function fakeServer(doc: Y.Doc) {
  const ops = new Map<string, { removed: [string, typeof note][]; undoes?: string; restored?: boolean }>();
  const pending: (() => void)[] = [];
  let n = 0;
  const remove = (noteIds: string[]): string => {
    const id = `op${++n}`;
    const removed = noteIds.map((x) => [x, docMaps(doc).notes.get(x)!] as [string, typeof note]);
    doc.transact(() => noteIds.forEach((x) => docMaps(doc).notes.delete(x)), "server");
    ops.set(id, { removed });
    return id;
  };
  const undo = (operationId: string): Promise<OperationOutcome> =>
    new Promise((resolve) =>
      pending.push(() => {
        const op = ops.get(operationId)!;
        const id = `op${++n}`;
        // An undo of a removal restores; an undo of that undo removes again.
        const restore = !op.restored;
        doc.transact(() => op.removed.forEach(([x, v]) => (restore ? docMaps(doc).notes.set(x, v) : docMaps(doc).notes.delete(x))), "server");
        ops.set(id, { removed: op.removed, undoes: operationId, restored: restore });
        resolve({ ok: true, operationId: id, label: `Undid "${operationId}"` });
      }),
    );
  const settle = async () => {
    while (pending.length > 0) pending.shift()!();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { remove, undo, settle, ops };
}

describe("personal history: undo-by-author operations", () => {
  it("Ctrl+Z after a removal of others' notes brings them all back; redo removes them again", async () => {
    const doc = new Y.Doc();
    const server = fakeServer(doc);
    const h = createHistory(doc, server.undo);
    const mine = addNote(doc, { ...note });
    const theirs = ["b1", "b2", "b3"];
    theirs.forEach((x, i) => docMaps(doc).notes.set(x, { ...note, pitch: 70 + i }));
    const op = server.remove(theirs);
    h.pushOperation(op, "Removed the model's untouched notes");
    expect(ids(doc)).toEqual([mine]);

    expect(h.undo()).toBe(true);
    expect(h.getState()).toMatchObject({ busy: true, canUndo: true });
    await server.settle();
    expect(ids(doc)).toEqual([...theirs, mine].sort());
    expect(h.getState()).toMatchObject({ busy: false, canRedo: true, message: `Undid "${op}"` });

    expect(h.redo()).toBe(true);
    await server.settle();
    expect(ids(doc)).toEqual([mine]);
    expect(h.undo()).toBe(true); // undoes the redo's operation, not the first one (which is undone already)
    await server.settle();
    expect(ids(doc)).toEqual([...theirs, mine].sort());
    expect(server.ops.get("op4")?.undoes).toBe("op3");
  });

  it("an undo asked for while an operation's undo is on its way waits for it, in order", async () => {
    const doc = new Y.Doc();
    const server = fakeServer(doc);
    const h = createHistory(doc, server.undo);
    const drawn = addNote(doc, { ...note });
    docMaps(doc).notes.set("b1", { ...note, pitch: 72 });
    h.pushOperation(server.remove(["b1"]), "Removed");
    expect(h.undo()).toBe(true);
    expect(h.undo()).toBe(true); // queued: the note drawn before the operation
    expect(ids(doc)).toEqual([drawn]);
    await server.settle();
    expect(ids(doc)).toEqual(["b1"]);
    expect(h.canUndo()).toBe(false);
  });

  it("an edit made while an undo is on its way drops the redo, and any undo still waiting", async () => {
    const doc = new Y.Doc();
    const server = fakeServer(doc);
    const h = createHistory(doc, server.undo);
    docMaps(doc).notes.set("b1", { ...note });
    h.pushOperation(server.remove(["b1"]), "Removed");
    h.undo();
    const later = addNote(doc, { ...note, pitch: 64 });
    await server.settle();
    expect(h.canRedo()).toBe(false);
    expect(ids(doc)).toEqual(["b1", later].sort());
  });

  it("a failed undo says why; the step stays when the server was not reached, and goes when it refused", async () => {
    const doc = new Y.Doc();
    const answers: OperationOutcome[] = [
      { ok: false, message: "Could not reach the server", keep: true },
      { ok: false, message: "Nothing of it can be undone: every note it changed has changed again since", keep: false },
    ];
    const h = createHistory(doc, async () => answers.shift()!);
    const seen: string[] = [];
    h.subscribe(() => seen.push(h.getState().message ?? ""));
    h.pushOperation("op1", "Removed");
    h.undo();
    await new Promise((r) => setTimeout(r, 0));
    expect(h.getState()).toMatchObject({ canUndo: true, busy: false, message: "Could not reach the server" });
    h.undo();
    await new Promise((r) => setTimeout(r, 0));
    expect(h.getState()).toMatchObject({ canUndo: false, canRedo: false });
    expect(seen.at(-1)).toMatch(/changed again since/);
  });

  it("tells its subscribers when there is something to undo, and only then", () => {
    const doc = new Y.Doc();
    const h = createHistory(doc);
    let calls = 0;
    const off = h.subscribe(() => calls++);
    expect(h.getState().canUndo).toBe(false);
    addNote(doc, { ...note });
    expect(h.getState()).toMatchObject({ canUndo: true, canRedo: false });
    h.undo();
    expect(h.getState()).toMatchObject({ canUndo: false, canRedo: true });
    expect(calls).toBe(2);
    off();
    h.redo();
    expect(calls).toBe(2);
    expect(() => h.pushOperation("op1", "Removed")).toThrow(/without an UndoOperation/);
    expect(h.canUndo()).toBe(true); // the note drawn and redone, still there to undo
  });
});
