import { describe, expect, it } from "vitest";
import { LANE_HEIGHT, NOTHING_SELECTED, OPENING_VIEW, toolFor, trackFor, type EditorState } from "./editor-state";
import { createEditorStore } from "./editor-store";

/** A store and the changes its listeners heard, as [new, previous] pairs. */
function watched(initial: Partial<EditorState> = {}) {
  const store = createEditorStore(initial);
  const heard: [EditorState, EditorState][] = [];
  store.subscribe((s, prev) => heard.push([s, prev]));
  return { store, heard };
}

describe("editor store: tool, track and snap", () => {
  it("changes through its actions and tells listeners the new and the previous state", () => {
    const { store, heard } = watched();
    store.setTool("erase");
    store.setTrack("bass");
    store.setGrid("1/8t");
    expect(store.getState()).toMatchObject({ tool: "erase", track: "bass", gridId: "1/8t" });
    expect(heard.map(([s, prev]) => [prev.tool, s.tool])).toEqual([
      ["draw", "erase"],
      ["erase", "erase"],
      ["erase", "erase"],
    ]);
    expect(heard[1][0].track).toBe("bass");
  });

  it("says nothing when an action changes nothing, and keeps the state object", () => {
    const { store, heard } = watched();
    const before = store.getState();
    store.setTool("draw");
    store.setGrid("1/16");
    expect(heard).toEqual([]);
    expect(store.getState()).toBe(before);
  });

  it("refuses a snap it does not know, naming the ones it does, and keeps the old one", () => {
    const { store } = watched();
    expect(() => store.setGrid("1/7")).toThrow(/Unknown snap "1\/7": expected one of 1\/4, .*off/);
    expect(store.getState().gridId).toBe("1/16");
  });

  it("stops telling a listener once it unsubscribes", () => {
    const store = createEditorStore();
    let calls = 0;
    const stop = store.subscribe(() => calls++);
    store.setColourByAuthor(true);
    stop();
    store.setColourByAuthor(false);
    expect(calls).toBe(1);
  });

  it("selects where a read-only editor would draw, and keeps its other tools", () => {
    expect(toolFor("draw", true)).toBe("select");
    expect(toolFor("region", true)).toBe("region");
    expect(toolFor("draw", false)).toBe("draw");
  });

  it("falls back to the piece's first track when the picked one is gone or none was picked", () => {
    expect(trackFor("bass", ["melody", "bass"])).toBe("bass");
    expect(trackFor("removed", ["melody", "bass"])).toBe("melody");
    expect(trackFor(null, ["chords"])).toBe("chords");
    expect(trackFor(null, [])).toBe("melody");
  });
});

describe("editor store: selection", () => {
  it("holds the selection, and moves the current bar to where the selected notes start", () => {
    const { store, heard } = watched();
    store.select(["a", "b"], 3);
    expect([...store.getState().selection]).toEqual(["a", "b"]);
    expect(store.getState().currentBar).toBe(3);
    // Notes not yet in the snapshot (just pasted): the selection changes, the current bar stays.
    store.select(["c"]);
    expect(store.getState()).toMatchObject({ selection: new Set(["c"]), currentBar: 3, selectionDrawn: false });
    expect(heard).toHaveLength(2);
    // A note just drawn: a Draw click on empty space draws the next one (start-gesture.ts); any other selection clears that.
    store.select(["d"], 4, true);
    expect(store.getState().selectionDrawn).toBe(true);
    store.select(["d"]);
    expect(store.getState().selectionDrawn).toBe(false);
  });

  it("tells a new selection from the first one, even when both are empty", () => {
    const store = createEditorStore();
    const first = store.getState().selection;
    expect(first).toBe(NOTHING_SELECTED);
    store.select([]);
    expect(store.getState().selection).not.toBe(NOTHING_SELECTED);
    expect(store.getState().selection.size).toBe(0);
  });

  it("keeps the pointer to its 60-tick cell", () => {
    const { store, heard } = watched();
    store.pointAt({ tick: 29, pitch: 61 });
    store.pointAt({ tick: 0, pitch: 61 });
    expect(store.getState().pointer).toEqual({ tick: 0, pitch: 61 });
    expect(heard).toHaveLength(1);
  });
});

describe("editor store: viewport", () => {
  const sized = () => {
    const store = createEditorStore();
    store.resize(800, 400); // grid rows: (400 - 24 ruler - 72 lane) / 10 = 30
    return store;
  };

  it("keeps the viewport inside the document: no time before 0, no rows past the top or the bottom pitch", () => {
    const store = sized();
    const v = store.getState().viewport;
    store.setViewport({ ...v, scrollTick: -500, topPitch: 140 });
    expect(store.getState().viewport).toMatchObject({ scrollTick: 0, topPitch: 127 });
    store.setViewport({ ...v, topPitch: 3 }); // would show 26 rows below pitch 0
    expect(store.getState().viewport.topPitch).toBe(29);
  });

  it("keeps the zoom within its limits", () => {
    const store = sized();
    const v = store.getState().viewport;
    store.setViewport({ ...v, pxPerTick: 5, rowHeight: 1 });
    expect(store.getState().viewport).toMatchObject({ pxPerTick: 1, rowHeight: 5 });
    store.setViewport({ ...v, pxPerTick: 0 });
    expect(store.getState().viewport.pxPerTick).toBe(0.01);
  });

  it("raises the top row when the canvas grows taller than the rows below it, and lowers nothing when it shrinks", () => {
    const store = sized();
    store.setViewport({ ...store.getState().viewport, topPitch: 40 });
    store.resize(800, 800); // 70 rows: the lowest would be below 0
    expect(store.getState().viewport.topPitch).toBe(69);
    store.resize(800, 400);
    expect(store.getState().viewport.topPitch).toBe(69);
  });

  it("gives the velocity lane its room only while it shows", () => {
    const store = sized();
    store.setShowVelocity(false);
    expect(store.getState().viewport.laneHeight).toBe(0);
    store.setShowVelocity(true);
    expect(store.getState().viewport.laneHeight).toBe(LANE_HEIGHT);
  });

  it("turns the page when the playhead leaves the view, and says nothing while it is in view", () => {
    const { store, heard } = watched();
    store.resize(1000, 500);
    heard.length = 0;
    store.followPlayhead(100);
    expect(heard).toHaveLength(0);
    store.followPlayhead(20_000);
    expect(store.getState().viewport.scrollTick).toBeCloseTo(20_000 - 40 / OPENING_VIEW.pxPerTick);
  });
});

describe("editor store: region, loop and comments", () => {
  it("moves the current bar to a new region's start, and keeps it when only the pitch range or tracks change", () => {
    const store = createEditorStore();
    store.setRegionRange({ startBar: 4, endBar: 6 });
    expect(store.getState().currentBar).toBe(4);
    store.select(["a"], 9);
    store.setRegion({ ...store.getState().region, pitchLo: 40 });
    expect(store.getState()).toMatchObject({ currentBar: 9, region: { range: { startBar: 4, endBar: 6 }, pitchLo: 40 } });
    store.setRegionRange(null);
    expect(store.getState()).toMatchObject({ currentBar: 9, region: { range: null, pitchLo: 40 } });
  });

  it("keeps one loop: the roll's ticks become the transport's whole bars, null turns it off and keeps the bars", () => {
    const store = createEditorStore();
    store.setLoop({ startTick: 1920 + 100, endTick: 1920 * 3 + 1 }, 1920);
    expect(store.getState().transport.loop).toEqual({ on: true, startBar: 1, endBar: 4 });
    store.setLoop(null, 1920);
    expect(store.getState().transport.loop).toEqual({ on: false, startBar: 1, endBar: 4 });
    expect(store.getState().transport.metronome).toBe(false);
  });

  it("shows a picked comment's bars as the region and the current bar, in one change", () => {
    const { store, heard } = watched();
    store.pickComment({ id: "c1", startBar: 2, endBar: 5 });
    expect(store.getState()).toMatchObject({ commentId: "c1", currentBar: 2, region: { range: { startBar: 2, endBar: 5 } } });
    expect(heard).toHaveLength(1);
  });
});

describe("editor store: keyboard cursor and note length", () => {
  it("places the keyboard cursor quietly on a click, and says it when the keyboard moves it", () => {
    const store = createEditorStore();
    store.placeKeyCursor({ tick: 480, pitch: 62 });
    expect(store.getState()).toMatchObject({ keyCursor: { tick: 480, pitch: 62 }, said: null });
    store.moveKeyCursor({ tick: 600, pitch: 62 }, "Cursor at D4, bar 1 beat 2.");
    expect(store.getState().said).toBe("Cursor at D4, bar 1 beat 2.");
  });

  it("refuses a note length that is not a positive number of ticks, keeping the last one", () => {
    const store = createEditorStore();
    store.setNoteLength(120);
    expect(() => store.setNoteLength(0)).toThrow("A note length is a positive number of ticks, not 0");
    expect(() => store.setNoteLength(Number.NaN)).toThrow(/not NaN/);
    expect(store.getState().noteLength).toBe(120);
  });
});
