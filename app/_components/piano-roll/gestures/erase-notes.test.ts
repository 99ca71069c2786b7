import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { readNotes } from "@/lib/doc-schema";
import { addNote } from "../commands";
import { DEFAULT_VIEWPORT as v, EIGHTH, SIXTEENTH, pitchToY, tickToX } from "../geometry";
import { startEraseNotes } from "./erase-notes";
import { NO_MODIFIERS, type GestureEnv } from "./types";

const at = (tick: number, pitch: number) => ({ x: tickToX(v, tick) + 1, y: pitchToY(v, pitch) + 2 });

function sweep(confirmRemoval?: GestureEnv["confirmRemoval"]) {
  const doc = new Y.Doc();
  const a = addNote(doc, { track: "melody", pitch: 60, start: 0, duration: 240 });
  const b = addNote(doc, { track: "melody", pitch: 60, start: 480, duration: 240 });
  const env = { doc, viewport: v, meter: { beatsPerBar: 4, beatUnit: 4 }, notes: readNotes(doc), selection: new Set<string>(), track: "melody", grid: SIXTEENTH, noteLength: EIGHTH, readOnly: false, confirmRemoval };
  const { gesture } = startEraseNotes(env as GestureEnv, at(0, 60));
  gesture.move(at(500, 60), NO_MODIFIERS);
  gesture.end(at(500, 60), NO_MODIFIERS);
  return { doc, a, b };
}

describe("the erase tool, asking first", () => {
  it("hands the notes it swept to the question, and removes them only when the answer runs `remove`", () => {
    let asked: ReadonlySet<string> | null = null;
    let remove: (() => void) | null = null;
    const { doc, a, b } = sweep((ids, go) => {
      asked = ids;
      remove = go;
    });
    expect(asked).toEqual(new Set([a, b]));
    expect(readNotes(doc)).toHaveLength(2); // not yet: the question waits
    remove!();
    expect(readNotes(doc)).toHaveLength(0);
  });

  it("a cancelled question leaves every note; with nobody to ask, the notes go at once", () => {
    expect(readNotes(sweep(() => {}).doc)).toHaveLength(2);
    expect(readNotes(sweep().doc)).toHaveLength(0);
  });
});
