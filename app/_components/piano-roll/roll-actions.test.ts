import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { readNotes } from "@/lib/doc-schema";
import { addNote } from "./commands";
import { createEditorStore } from "./editor-store";
import { createHistory } from "./history";
import type { KeyAction } from "./keyboard";
import { runRollAction, type RollContext } from "./roll-actions";

const meter = { bpm: 120, beatsPerBar: 4, beatUnit: 4 };

/** A piece with a melody note in bar 3 and a bass note in bar 1, a store, and `run` as the editor runs keys. */
function setup(over: Partial<RollContext> = {}) {
  const doc = new Y.Doc();
  const melody = addNote(doc, { track: "melody", pitch: 72, start: 1920 * 2 + 480, duration: 240 });
  addNote(doc, { track: "bass", pitch: 40, start: 0, duration: 480 });
  const store = createEditorStore();
  store.resize(1000, 500);
  let toggled = 0;
  const run = (action: KeyAction) =>
    runRollAction(action, store, {
      doc,
      history: createHistory(doc),
      notes: readNotes(doc),
      meter,
      trackIds: ["melody", "bass"],
      readOnly: false,
      getPlayhead: () => null,
      playToggle: () => toggled++,
      ...over,
    });
  return { doc, store, run, melody, toggled: () => toggled };
}

describe("roll actions", () => {
  it("delete and cut ask first when a question is wired: nothing goes until it is confirmed, then the selection goes", () => {
    const questions: { ids: ReadonlySet<string>; remove(): void }[] = [];
    const { doc, store, run, melody } = setup({ confirmRemoval: (ids, remove) => questions.push({ ids, remove }) });
    run({ kind: "select-all" });
    run({ kind: "delete" });
    expect(questions.map((q) => [...q.ids])).toEqual([[melody]]);
    expect(readNotes(doc)).toHaveLength(2);
    expect(store.getState().selection.size).toBe(1); // cancelled: still selected
    run({ kind: "cut" });
    questions[1].remove();
    expect(readNotes(doc).map((n) => n.id)).not.toContain(melody);
    expect(store.getState().clip).not.toBeNull();
    expect(store.getState().selection.size).toBe(0);
    run({ kind: "delete" }); // nothing selected: nothing to ask
    expect(questions).toHaveLength(2);
  });


  it("selects the current track's notes into the store, and moves the current bar to them", () => {
    const { store, run, melody } = setup();
    run({ kind: "select-all" });
    expect([...store.getState().selection]).toEqual([melody]);
    expect(store.getState().currentBar).toBe(2);
  });

  it("copies into the store's clip and pastes at the keyboard cursor's bar, selecting what it pasted", () => {
    const { doc, store, run, melody } = setup();
    run({ kind: "select-all" });
    run({ kind: "copy" });
    expect(store.getState().clip).not.toBeNull();
    store.placeKeyCursor({ tick: 1920 * 5 + 100, pitch: 60 });
    run({ kind: "paste" });
    const pasted = readNotes(doc).filter((n) => n.id !== melody && n.track === "melody");
    expect(pasted.map((n) => n.start)).toEqual([1920 * 5 + 480]);
    expect([...store.getState().selection]).toEqual(pasted.map((n) => n.id));
  });

  it("moves the keyboard cursor with nothing selected, scrolls it into view and says where it is, until a selection", () => {
    const { store, run } = setup();
    run({ kind: "move", grid: 0, bars: 0, pitch: -40 });
    expect(store.getState().keyCursor).toEqual({ tick: 0, pitch: 20 });
    expect(store.getState().said).toBe("Cursor at G#0, bar 1 beat 1.");
    const v = store.getState().viewport;
    expect(v.topPitch - Math.floor((v.height - v.laneHeight - v.rulerHeight) / v.rowHeight)).toBeLessThan(20);
    run({ kind: "select-all" });
    expect(store.getState().said).toBeNull();
  });

  it("turns the loop on around the selection's bars, and off again", () => {
    const { store, run } = setup();
    run({ kind: "select-all" });
    run({ kind: "loop-toggle" });
    expect(store.getState().transport.loop).toEqual({ on: true, startBar: 2, endBar: 3 });
    run({ kind: "loop-toggle" });
    expect(store.getState().transport.loop.on).toBe(false);
  });

  it("keeps a read-only editor from drawing, and still lets it select, play and scroll", () => {
    const { doc, store, run, toggled } = setup({ readOnly: true });
    run({ kind: "tool", tool: "draw" });
    run({ kind: "tool", tool: "erase" });
    expect(store.getState().tool).toBe("draw"); // unchanged: toolFor shows it as select
    run({ kind: "tool", tool: "select" });
    expect(store.getState().tool).toBe("select");
    run({ kind: "add-at-cursor" });
    expect(readNotes(doc)).toHaveLength(2);
    run({ kind: "play-toggle" });
    expect(toggled()).toBe(1);
    run({ kind: "view", bars: 2, pitch: 0, zoom: 1 });
    expect(store.getState().viewport.scrollTick).toBe(3840);
  });

  it("opens the shortcuts sheet and toggles follow through the store", () => {
    const { store, run } = setup();
    run({ kind: "shortcuts" });
    run({ kind: "follow-toggle" });
    expect(store.getState()).toMatchObject({ shortcutsOpen: true, follow: false });
  });
});
