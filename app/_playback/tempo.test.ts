import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { initPieceDoc, readMeta } from "@/lib/doc-schema";
import { loopRange, DEFAULT_TRANSPORT } from "./transport-settings";
import { readTempo, SET_TEMPO, setTempo } from "./tempo";

describe("setTempo", () => {
  it("stores the tempo in the doc's meta as one named transaction; a tempo out of range changes nothing", () => {
    const doc = new Y.Doc();
    initPieceDoc(doc);
    const origins: unknown[] = [];
    doc.on("afterTransaction", (tr: Y.Transaction) => origins.push(tr.origin));
    expect(setTempo(doc, 132.46)).toBe(132.5);
    expect(readMeta(doc).bpm).toBe(132.5);
    expect(setTempo(doc, 0)).toBeNull();
    expect(setTempo(doc, 1000)).toBeNull();
    expect(setTempo(doc, Number.NaN)).toBeNull();
    expect(readMeta(doc).bpm).toBe(132.5);
    expect(setTempo(doc, 300)).toBe(300);
    expect(setTempo(doc, 300)).toBe(300); // unchanged: no transaction
    expect(origins).toEqual([SET_TEMPO, SET_TEMPO]);
  });
});

describe("readTempo", () => {
  it("reads a tempo typed in the field, or says why it is refused and that the old one stays", () => {
    expect(readTempo(" 96.5 ", 120)).toEqual({ bpm: 96.5 });
    expect(readTempo("20", 120)).toEqual({ bpm: 20 });
    expect(readTempo("0", 120)).toEqual({ error: "0 BPM is too slow: the tempo goes from 20 to 300 BPM. It stays at 120." });
    expect(readTempo("301", 90)).toEqual({ error: "301 BPM is too fast: the tempo goes from 20 to 300 BPM. It stays at 90." });
    expect(readTempo("", 120)).toEqual({ error: "Type a tempo from 20 to 300 BPM. It stays at 120." });
    expect(readTempo("fast", 120)).toEqual({ error: "Type a tempo from 20 to 300 BPM. It stays at 120." });
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
