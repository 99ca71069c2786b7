import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { docMaps, readNotes } from "@/lib/doc-schema";
import { addNote } from "./commands";
import { runEdit, type EditTarget } from "./edit-actions";
import { createHistory } from "./history";

const meter = { beatsPerBar: 4, beatUnit: 4 };

function setup() {
  const doc = new Y.Doc();
  const history = createHistory(doc);
  const a = addNote(doc, { track: "melody", pitch: 60, start: 130, duration: 100, velocity: 80 });
  const b = addNote(doc, { track: "bass", pitch: 40, start: 0, duration: 120 });
  const target = (over: Partial<EditTarget> = {}): EditTarget => ({
    doc,
    history,
    readOnly: false,
    notes: readNotes(doc),
    track: "melody",
    trackIds: new Set(["melody", "bass"]),
    grid: 120,
    noteLength: 240,
    meter,
    selection: new Set(),
    cursor: { tick: 0, pitch: 60 },
    pasteAt: 1920,
    clip: null,
    ...over,
  });
  return { doc, history, a, b, target, note: (id: string) => docMaps(doc).notes.get(id) };
}

describe("runEdit", () => {
  it("selects all in the track, moves by grid steps and bars, transposes by octaves", () => {
    const { a, target, note } = setup();
    expect(runEdit({ kind: "select-all" }, target())).toEqual({ selection: new Set([a]) });
    runEdit({ kind: "move", grid: 2, bars: 0, pitch: 12 }, target({ selection: new Set([a]) }));
    expect(note(a)).toMatchObject({ start: 370, pitch: 72 });
    runEdit({ kind: "move", grid: 0, bars: 1, pitch: -1 }, target({ selection: new Set([a]) }));
    expect(note(a)).toMatchObject({ start: 2290, pitch: 71 });
  });

  it("moves the keyboard cursor when nothing is selected, and Enter adds a note there", () => {
    const { doc, target } = setup();
    const moved = runEdit({ kind: "move", grid: 3, bars: 0, pitch: 2 }, target())!;
    expect(moved.cursor).toEqual({ tick: 360, pitch: 62 });
    const added = runEdit({ kind: "add-at-cursor" }, target({ cursor: moved.cursor! }))!;
    const [id] = [...added.selection!];
    expect(docMaps(doc).notes.get(id)).toMatchObject({ track: "melody", start: 360, pitch: 62, duration: 240 });
  });
  it("adds a note at the cursor no longer than the triplet grid allows", () => {
    const { doc, target } = setup();
    const added = runEdit({ kind: "add-at-cursor" }, target({ grid: 160, cursor: { tick: 160, pitch: 60 } }))!;
    expect(docMaps(doc).notes.get([...added.selection!][0])).toMatchObject({ start: 160, duration: 160 });
  });

  it("quantizes the selection, or the whole track when nothing is selected", () => {
    const { a, b, target, note } = setup();
    runEdit({ kind: "quantize" }, target());
    expect(note(a)).toMatchObject({ start: 120, duration: 120 });
    expect(note(b)).toMatchObject({ start: 0 }); // other track untouched
  });

  it("copies, pastes at the given tick, cuts and duplicates", () => {
    const { doc, a, target } = setup();
    const { clip } = runEdit({ kind: "copy" }, target({ selection: new Set([a]) }))!;
    const pasted = runEdit({ kind: "paste" }, target({ clip, track: "bass" }))!;
    const [p] = [...pasted.selection!];
    expect(docMaps(doc).notes.get(p)).toMatchObject({ track: "bass", start: 1920 + 130, pitch: 60, velocity: 80 });
    const dup = runEdit({ kind: "duplicate" }, target({ selection: new Set([a]) }))!;
    const [d] = [...dup.selection!];
    expect(docMaps(doc).notes.get(d)).toMatchObject({ track: "melody", start: 130 + 120 });
    const cut = runEdit({ kind: "cut" }, target({ selection: new Set([a]) }))!;
    expect(cut.clip?.notes).toHaveLength(1);
    expect(docMaps(doc).notes.has(a)).toBe(false);
  });

  it("changes velocities within 1..127, deletes, and undoes each as one step", () => {
    const { a, history, target, note } = setup();
    runEdit({ kind: "velocity", by: 100 }, target({ selection: new Set([a]) }));
    expect(note(a)?.velocity).toBe(127);
    runEdit({ kind: "delete" }, target({ selection: new Set([a]) }));
    expect(note(a)).toBeUndefined();
    runEdit({ kind: "undo" }, target());
    expect(note(a)?.velocity).toBe(127);
    runEdit({ kind: "undo" }, target());
    expect(note(a)?.velocity).toBe(80);
    runEdit({ kind: "redo" }, target());
    expect(note(a)?.velocity).toBe(127);
    expect(history.canUndo()).toBe(true);
  });

  it("changes nothing for a viewer", () => {
    const { a, target, note } = setup();
    runEdit({ kind: "delete" }, target({ readOnly: true, selection: new Set([a]) }));
    runEdit({ kind: "quantize" }, target({ readOnly: true }));
    expect(note(a)).toMatchObject({ start: 130 });
    expect(runEdit({ kind: "play-toggle" }, target())).toBeNull();
  });
});
