import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { docMaps, readNotes } from "@/lib/doc-schema";
import { addNote, createUndoManager } from "./commands";
import { keyAction, runKeyAction } from "./keyboard";

const key = (k: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) =>
  keyAction({ key: k, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe("keyAction", () => {
  it("maps editing keys", () => {
    expect(key("Delete")).toEqual({ kind: "delete" });
    expect(key("Backspace")).toEqual({ kind: "delete" });
    expect(key("Escape")).toEqual({ kind: "clear-selection" });
    expect(key("a", { metaKey: true })).toEqual({ kind: "select-all" });
    expect(key("z", { ctrlKey: true })).toEqual({ kind: "undo" });
    expect(key("Z", { ctrlKey: true, shiftKey: true })).toEqual({ kind: "redo" });
    expect(key("y", { ctrlKey: true })).toEqual({ kind: "redo" });
  });

  it("moves by grid steps and semitones, octaves and beats with Shift", () => {
    expect(key("ArrowUp")).toEqual({ kind: "move", grid: 0, pitch: 1 });
    expect(key("ArrowDown", { shiftKey: true })).toEqual({ kind: "move", grid: 0, pitch: -12 });
    expect(key("ArrowLeft", { shiftKey: true })).toEqual({ kind: "move", grid: -4, pitch: 0 });
    expect(key("ArrowRight", { altKey: true })).toBeNull();
    expect(key("q")).toBeNull();
  });

  it("scrolls and zooms the view with PageUp/PageDown, [ ] and + -", () => {
    expect(key("PageUp")).toEqual({ kind: "view", bars: 0, pitch: 12, zoom: 1 });
    expect(key("]")).toEqual({ kind: "view", bars: 1, pitch: 0, zoom: 1 });
    expect(key("-")).toEqual({ kind: "view", bars: 0, pitch: 0, zoom: 0.8 });
  });
});

describe("runKeyAction", () => {
  it("deletes, selects all in the track, moves and undoes through commands", () => {
    const doc = new Y.Doc();
    const undo = createUndoManager(doc);
    const a = addNote(doc, { track: "melody", pitch: 60, start: 0, duration: 120 });
    const b = addNote(doc, { track: "bass", pitch: 40, start: 0, duration: 120 });
    const target = (selection: Set<string>, readOnly = false) => ({
      doc,
      undo,
      readOnly,
      notes: readNotes(doc),
      track: "melody",
      grid: 120,
      selection,
    });
    expect(runKeyAction({ kind: "select-all" }, target(new Set()))).toEqual(new Set([a]));
    runKeyAction({ kind: "move", grid: 2, pitch: 12 }, target(new Set([a])));
    expect(docMaps(doc).notes.get(a)).toMatchObject({ start: 240, pitch: 72 });
    expect(runKeyAction({ kind: "delete" }, target(new Set([a]), true))).toBeNull();
    expect(runKeyAction({ kind: "delete" }, target(new Set([a])))).toEqual(new Set());
    expect(readNotes(doc).map((n) => n.id)).toEqual([b]);
    runKeyAction({ kind: "undo" }, target(new Set()));
    expect(docMaps(doc).notes.has(a)).toBe(true);
  });
});
