import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { initPieceDoc, readMeta } from "@/lib/doc-schema";
import { loopRange, DEFAULT_TRANSPORT } from "./transport-settings";
import { SET_TEMPO, setTempo } from "./tempo";

describe("setTempo", () => {
  it("stores the tempo in the doc's meta as one named transaction, kept in range", () => {
    const doc = new Y.Doc();
    initPieceDoc(doc);
    const origins: unknown[] = [];
    doc.on("afterTransaction", (tr: Y.Transaction) => origins.push(tr.origin));
    expect(setTempo(doc, 132.46)).toBe(132.5);
    expect(readMeta(doc).bpm).toBe(132.5);
    expect(setTempo(doc, 1000)).toBe(300);
    expect(setTempo(doc, Number.NaN)).toBeNull();
    expect(setTempo(doc, 300)).toBe(300); // unchanged: no transaction
    expect(origins).toEqual([SET_TEMPO, SET_TEMPO]);
  });
});

describe("loopRange", () => {
  it("is the loop's bars in ticks of the meter, or nothing when off or empty", () => {
    const on = { ...DEFAULT_TRANSPORT, loop: { on: true, startBar: 1, endBar: 3 } };
    expect(loopRange(on, { beatsPerBar: 3, beatUnit: 4 })).toEqual({ startTick: 1440, endTick: 4320 });
    expect(loopRange({ ...on, loop: { ...on.loop, on: false } }, { beatsPerBar: 4, beatUnit: 4 })).toBeNull();
    expect(loopRange({ ...on, loop: { on: true, startBar: 2, endBar: 2 } }, { beatsPerBar: 4, beatUnit: 4 })).toBeNull();
  });
});
