import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { docMaps, readNotes } from "@/lib/doc-schema";
import { LocalEdit, addNote, createUndoManager, deleteNotes, moveNotes, resizeNotes } from "./commands";

const fresh = () => new Y.Doc();

describe("commands", () => {
  it("adds a note keyed by a uuid with a LocalEdit origin", () => {
    const doc = fresh();
    const origins: unknown[] = [];
    doc.on("afterTransaction", (tr: Y.Transaction) => origins.push(tr.origin));
    const id = addNote(doc, { track: "melody", pitch: 60, start: 240, duration: 240 });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(docMaps(doc).notes.get(id)).toEqual({ track: "melody", pitch: 60, start: 240, duration: 240, velocity: 96 });
    expect(origins).toHaveLength(1);
    expect(origins[0]).toBeInstanceOf(LocalEdit);
    expect((origins[0] as LocalEdit).command).toBe("addNote");
  });

  it("moves a group in one transaction, clamped so the group stays in range", () => {
    const doc = fresh();
    const a = addNote(doc, { track: "melody", pitch: 126, start: 0, duration: 120 });
    const b = addNote(doc, { track: "melody", pitch: 60, start: 480, duration: 120 });
    let count = 0;
    doc.on("afterTransaction", () => count++);
    moveNotes(doc, [a, b, "missing"], -240, 5);
    expect(count).toBe(1);
    const { notes } = docMaps(doc);
    // a cannot go before 0 nor above 127, so the whole group moves by (0, +1)
    expect(notes.get(a)).toMatchObject({ start: 0, pitch: 127 });
    expect(notes.get(b)).toMatchObject({ start: 480, pitch: 61 });
    moveNotes(doc, [b], 120, -1);
    expect(notes.get(b)).toMatchObject({ start: 600, pitch: 60 });
  });

  it("does nothing for empty or no-op edits", () => {
    const doc = fresh();
    const a = addNote(doc, { track: "bass", pitch: 40, start: 0, duration: 120 });
    let count = 0;
    doc.on("afterTransaction", () => count++);
    moveNotes(doc, [a], 0, 0);
    moveNotes(doc, [], 10, 10);
    resizeNotes(doc, [a], 0);
    deleteNotes(doc, ["nope"]);
    expect(count).toBe(0);
  });

  it("resizes, never below the minimum", () => {
    const doc = fresh();
    const a = addNote(doc, { track: "chords", pitch: 64, start: 0, duration: 240 });
    resizeNotes(doc, [a], 240, 120);
    expect(docMaps(doc).notes.get(a)?.duration).toBe(480);
    resizeNotes(doc, [a], -1000, 120);
    expect(docMaps(doc).notes.get(a)?.duration).toBe(120);
  });

  it("deletes notes", () => {
    const doc = fresh();
    const a = addNote(doc, { track: "drums", pitch: 36, start: 0, duration: 120 });
    const b = addNote(doc, { track: "drums", pitch: 38, start: 480, duration: 120 });
    deleteNotes(doc, [a]);
    expect(readNotes(doc).map((n) => n.id)).toEqual([b]);
  });

  it("undoes only this client's commands", () => {
    const doc = fresh();
    const undo = createUndoManager(doc);
    const mine = addNote(doc, { track: "melody", pitch: 60, start: 0, duration: 120 });
    doc.transact(() => docMaps(doc).notes.set("theirs", { track: "bass", pitch: 40, start: 0, duration: 120, velocity: 90 }), "remote");
    moveNotes(doc, [mine], 120, 0);
    undo.undo();
    expect(docMaps(doc).notes.get(mine)?.start).toBe(0);
    undo.undo();
    expect(docMaps(doc).notes.has(mine)).toBe(false);
    expect(docMaps(doc).notes.has("theirs")).toBe(true);
  });
});
