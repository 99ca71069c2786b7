import { describe, expect, it } from "vitest";
import { createEditorStore } from "@/app/_components/piano-roll/editor-store";
import { presenceChanges, type PresencePatch } from "./editor-presence";

/** What presence would publish for each change of a fresh store. */
function published(act: (store: ReturnType<typeof createEditorStore>) => void): PresencePatch[] {
  const store = createEditorStore();
  const out: PresencePatch[] = [];
  store.subscribe((s, prev) => out.push(presenceChanges(s, prev)));
  act(store);
  return out;
}

describe("presence from the editor store", () => {
  it("publishes the selection the store holds, in its order, each time it is replaced", () => {
    expect(
      published((store) => {
        store.select(["b", "a"]);
        store.select([]);
      }),
    ).toEqual([{ selection: { noteIds: ["b", "a"] } }, { selection: { noteIds: [] } }]);
  });

  it("publishes the pointer's cell only when it moves to another cell, and null when it leaves", () => {
    expect(
      published((store) => {
        store.pointAt({ tick: 100, pitch: 60 });
        store.pointAt({ tick: 119, pitch: 60 }); // the same 60-tick cell: no news
        store.pointAt({ tick: 160, pitch: 60 });
        store.pointAt(null);
      }),
    ).toEqual([{ cursor: { tick: 120, pitch: 60 } }, { cursor: { tick: 180, pitch: 60 } }, { cursor: null }]);
  });

  it("publishes a region just picked in place of the notes, and not a pitch change", () => {
    expect(
      published((store) => {
        store.select(["a"]);
        store.setRegionRange({ startBar: 1, endBar: 3 });
        store.setRegion({ ...store.getState().region, pitchHi: 90 });
        store.pickComment({ id: "c", startBar: 0, endBar: 1 });
      }),
    ).toEqual([
      { selection: { noteIds: ["a"] } },
      { selection: { region: { startBar: 1, endBar: 3 } } },
      {},
      { selection: { region: { startBar: 0, endBar: 1 } } },
    ]);
  });

  it("takes a cleared region back from others: they see the notes still selected, or nothing", () => {
    expect(
      published((store) => {
        store.select(["a"]);
        store.setRegionRange({ startBar: 1, endBar: 3 });
        store.setRegionRange(null);
        store.select([]);
        store.setRegionRange({ startBar: 2, endBar: 4 });
        store.setRegionRange(null);
      }),
    ).toEqual([
      { selection: { noteIds: ["a"] } },
      { selection: { region: { startBar: 1, endBar: 3 } } },
      { selection: { noteIds: ["a"] } },
      { selection: { noteIds: [] } },
      { selection: { region: { startBar: 2, endBar: 4 } } },
      { selection: { noteIds: [] } },
    ]);
  });

  it("publishes nothing for what others do not see", () => {
    expect(published((store) => store.setTool("erase"))).toEqual([{}]);
  });
});
