import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { docMaps, initPieceDoc, readChordOverrides, readMeta, readNotes } from "@/lib/doc-schema";
import { LocalEdit } from "@/app/_components/piano-roll/commands";
import { setChordSymbol, setMeter, setPieceKey } from "./piece-music";

const piece = () => {
  const doc = new Y.Doc();
  initPieceDoc(doc);
  const origins: unknown[] = [];
  doc.on("afterTransaction", (tr: Y.Transaction) => origins.push(tr.origin));
  return { doc, origins };
};

describe("setMeter", () => {
  it("changes the time signature and moves no note", () => {
    const { doc, origins } = piece();
    docMaps(doc).notes.set("n1", { track: "melody", pitch: 60, start: 1920, duration: 480, velocity: 90 });
    setMeter(doc, { beatsPerBar: 3, beatUnit: 4 });
    expect(readMeta(doc)).toMatchObject({ beatsPerBar: 3, beatUnit: 4 });
    expect(readNotes(doc)).toEqual([{ id: "n1", track: "melody", pitch: 60, start: 1920, duration: 480, velocity: 90 }]);
    expect(origins.at(-1)).toEqual(new LocalEdit("setMeter"));
  });

  it("refuses a time signature outside the schema", () => {
    const { doc } = piece();
    expect(() => setMeter(doc, { beatsPerBar: 9, beatUnit: 4 })).toThrow(/9\/4 is not a time signature/);
    expect(() => setMeter(doc, { beatsPerBar: 3, beatUnit: 3 })).toThrow(/3\/3/);
    expect(readMeta(doc)).toMatchObject({ beatsPerBar: 4, beatUnit: 4 });
  });
});

describe("setPieceKey", () => {
  it("sets and clears the key", () => {
    const { doc, origins } = piece();
    setPieceKey(doc, { tonic: 2, mode: "major" });
    expect(readMeta(doc).key).toEqual({ tonic: 2, mode: "major" });
    setPieceKey(doc, null);
    expect(readMeta(doc).key).toBeUndefined();
    expect(origins.slice(-2)).toEqual([new LocalEdit("setKey"), new LocalEdit("setKey")]);
  });
});

describe("setChordSymbol", () => {
  const bar2 = { start: 1920, end: 3840 };

  it("stores a typed symbol at the slot's start, as Tandem writes it", () => {
    const { doc, origins } = piece();
    expect(setChordSymbol(doc, bar2, " a-7 ")).toEqual({ symbol: "Am7" });
    expect(readChordOverrides(doc)).toEqual(new Map([[1920, "Am7"]]));
    expect(origins.at(-1)).toEqual(new LocalEdit("setChord"));
  });

  it("says why text is not a chord and changes nothing", () => {
    const { doc } = piece();
    setChordSymbol(doc, bar2, "F");
    expect(setChordSymbol(doc, bar2, "Hm")).toHaveProperty("error", expect.stringContaining("not a chord symbol"));
    expect(readChordOverrides(doc)).toEqual(new Map([[1920, "F"]]));
  });

  it("clears the slot with empty text, symbols left inside it from another meter too", () => {
    const { doc } = piece();
    docMaps(doc).chords.set("2400", "G");
    docMaps(doc).chords.set("3840", "C"); // the next bar's: kept
    setChordSymbol(doc, bar2, "Dm");
    expect(readChordOverrides(doc)).toEqual(new Map([[1920, "Dm"], [3840, "C"]]));
    expect(setChordSymbol(doc, bar2, "  ")).toEqual({ symbol: null });
    expect(readChordOverrides(doc)).toEqual(new Map([[3840, "C"]]));
  });
});
