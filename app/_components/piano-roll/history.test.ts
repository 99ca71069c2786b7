import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { setChordSymbol, setMeter, setPieceKey } from "@/app/pieces/[pieceId]/_components/piece-music";
import { docMaps, initPieceDoc, readChordOverrides, readMeta, type NoteWithId } from "@/lib/doc-schema";
import { addNote, moveNotes } from "./commands";
import { HistoryEdit, createHistory } from "./history";

const note = { track: "melody", pitch: 60, start: 0, duration: 240, velocity: 90 };

/** Two replicas of one piece, kept in sync like two browsers (remote updates carry a non-local origin). */
function pair() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on("update", (u: Uint8Array, origin: unknown) => origin !== "remote" && Y.applyUpdate(b, u, "remote"));
  b.on("update", (u: Uint8Array, origin: unknown) => origin !== "remote" && Y.applyUpdate(a, u, "remote"));
  return { a, b };
}

const ids = (doc: Y.Doc) => [...docMaps(doc).notes.keys()].sort();

describe("personal history", () => {
  it("undoes and redoes only this person's edits, never a collaborator's", () => {
    const { a, b } = pair();
    const ha = createHistory(a);
    const hb = createHistory(b);
    const mine = addNote(a, { ...note });
    const theirs = addNote(b, { ...note, pitch: 64 });
    expect(ha.undo()).toBe(true);
    expect(ids(a)).toEqual([theirs]);
    expect(ids(b)).toEqual([theirs]);
    expect(ha.undo()).toBe(false); // nothing of A's left: B's note stays
    expect(ids(a)).toEqual([theirs]);
    expect(ha.redo()).toBe(true);
    expect(ids(b)).toEqual([mine, theirs].sort());
    expect(hb.undo()).toBe(true);
    expect(ids(a)).toEqual([mine]);
  });

  it("undoes an accepted candidate as one step: the accepted notes go, the replaced ones come back", () => {
    const { a, b } = pair();
    const h = createHistory(a);
    const kept = addNote(a, { ...note, start: 1920 });
    const old = addNote(a, { ...note, pitch: 62 });
    // The server's accept: replace `old` with two model notes, in one transaction a's UndoManager does not track.
    const added: NoteWithId[] = [
      { ...note, pitch: 67, id: "m1" },
      { ...note, pitch: 69, start: 240, id: "m2" },
    ];
    b.transact(() => {
      docMaps(b).notes.delete(old);
      for (const { id, ...n } of added) docMaps(b).notes.set(id, n);
    }, "server-accept");
    h.pushAccept(added, [{ ...note, pitch: 62, id: old }]);
    expect(ids(a)).toEqual(["m1", "m2", kept].sort());

    const origins: unknown[] = [];
    a.on("afterTransaction", (tr: Y.Transaction) => origins.push(tr.origin));
    expect(h.undo()).toBe(true);
    expect(ids(b)).toEqual([kept, old].sort());
    expect(docMaps(b).notes.get(old)).toEqual({ ...note, pitch: 62 });
    expect(origins).toHaveLength(1); // one step, one transaction
    expect(origins[0]).toBeInstanceOf(HistoryEdit);

    expect(h.redo()).toBe(true);
    expect(ids(b)).toEqual(["m1", "m2", kept].sort());
    expect(h.undo()).toBe(true);
    // Before the accept: adding `old` (the note the accept replaced and its undo restored), then adding `kept`.
    expect(h.undo()).toBe(true);
    expect(ids(b)).toEqual([kept]);
    expect(h.undo()).toBe(true);
    expect(ids(b)).toEqual([]);
    expect(h.canUndo()).toBe(false);
    // And forward again: both notes, then the accept.
    expect(h.redo()).toBe(true);
    expect(h.redo()).toBe(true);
    expect(ids(b)).toEqual([kept, old].sort());
    expect(h.redo()).toBe(true);
    expect(ids(b)).toEqual(["m1", "m2", kept].sort());
  });

  it("undoes a move of a note that an accept replaced and its undo restored, back to where it was drawn", () => {
    const { a, b } = pair();
    const h = createHistory(a);
    const id = addNote(a, { ...note });
    moveNotes(a, [id], 480, 2);
    b.transact(() => {
      docMaps(b).notes.delete(id);
      docMaps(b).notes.set("m1", { ...note, pitch: 72 });
    }, "server-accept");
    h.pushAccept([{ ...note, pitch: 72, id: "m1" }], [{ ...note, start: 480, pitch: 62, id }]);
    expect(h.undo()).toBe(true); // the accept
    expect(docMaps(b).notes.get(id)).toEqual({ ...note, start: 480, pitch: 62 });
    expect(h.undo()).toBe(true); // the move
    expect(docMaps(b).notes.get(id)).toEqual(note);
    expect(ids(b)).toEqual([id]);
    expect(h.undo()).toBe(true); // the draw
    expect(ids(b)).toEqual([]);
    expect(h.redo()).toBe(true);
    expect(h.redo()).toBe(true);
    expect(docMaps(b).notes.get(id)).toEqual({ ...note, start: 480, pitch: 62 });
  });

  it("a new edit after an undo drops the redo steps, accept included", () => {
    const { a } = pair();
    const h = createHistory(a);
    const x = addNote(a, { ...note });
    h.pushAccept([{ ...note, id: "m1" }], []);
    docMaps(a).notes.set("m1", note);
    h.undo();
    expect(h.canRedo()).toBe(true);
    moveNotes(a, [x], 240, 0);
    expect(h.canRedo()).toBe(false);
    expect(h.redo()).toBe(false);
    expect(ids(a)).toEqual([x]);
  });

  it("skips steps that no longer change anything (a collaborator deleted the notes)", () => {
    const { a, b } = pair();
    const h = createHistory(a);
    const first = addNote(a, { ...note });
    const second = addNote(a, { ...note, pitch: 70 });
    b.transact(() => docMaps(b).notes.delete(second), "someone");
    expect(h.undo()).toBe(true); // undoing "add second" changes nothing; the add of `first` is undone
    expect(ids(a)).toEqual([]);
    expect(first).toBeTruthy();
    expect(h.canUndo()).toBe(false);
  });

  it("undoes this person's key, time signature and chord symbols, one step each, in turn with their notes", () => {
    const { a, b } = pair();
    initPieceDoc(a);
    const h = createHistory(a);
    const hb = createHistory(b);
    setPieceKey(a, { tonic: 2, mode: "major" });
    setMeter(a, { beatsPerBar: 3, beatUnit: 4 });
    const x = addNote(a, { ...note });
    setChordSymbol(a, { start: 0, end: 1440 }, "Am7");
    setChordSymbol(b, { start: 1440, end: 2880 }, "F"); // the collaborator's: not A's to undo
    expect(hb.canUndo()).toBe(true);

    expect(h.undo()).toBe(true);
    expect(readChordOverrides(b)).toEqual(new Map([[1440, "F"]]));
    expect(h.undo()).toBe(true);
    expect(ids(b)).toEqual([]);
    expect(h.undo()).toBe(true);
    expect(readMeta(b)).toMatchObject({ beatsPerBar: 4, beatUnit: 4, key: { tonic: 2, mode: "major" } });
    expect(h.undo()).toBe(true);
    expect(readMeta(b).key).toBeUndefined();
    expect(h.undo()).toBe(false);
    expect(readChordOverrides(b)).toEqual(new Map([[1440, "F"]]));

    expect(h.redo()).toBe(true);
    expect(h.redo()).toBe(true);
    expect(readMeta(b)).toMatchObject({ beatsPerBar: 3, beatUnit: 4, key: { tonic: 2, mode: "major" } });
    expect(h.redo()).toBe(true);
    expect(h.redo()).toBe(true);
    expect(ids(b)).toEqual([x]);
    expect(readChordOverrides(b)).toEqual(new Map([[0, "Am7"], [1440, "F"]]));
  });
});
