import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { docMaps, initPieceDoc, readChordOverrides, readMeta } from "./doc-schema";

const piece = () => {
  const doc = new Y.Doc();
  initPieceDoc(doc);
  return doc;
};

describe("the piece's key", () => {
  it("is absent until set, then read with the meter", () => {
    const doc = piece();
    expect(readMeta(doc).key).toBeUndefined();
    docMaps(doc).meta.set("key", { tonic: 2, mode: "dorian" });
    expect(readMeta(doc)).toEqual({ bpm: 100, beatsPerBar: 4, beatUnit: 4, key: { tonic: 2, mode: "dorian" } });
  });

  it("reads as no key when malformed, keeping the meter and tempo", () => {
    const doc = piece();
    docMaps(doc).meta.set("bpm", 132);
    docMaps(doc).meta.set("key", { tonic: 2, mode: "blues" });
    expect(readMeta(doc)).toEqual({ bpm: 132, beatsPerBar: 4, beatUnit: 4 });
  });
});

describe("readChordOverrides", () => {
  it("reads symbols by tick, leaving out what does not check out", () => {
    const doc = piece();
    const { chords } = docMaps(doc);
    chords.set("0", "Am7");
    chords.set("1920", "G/B");
    chords.set("960", "g/b"); // not as Tandem writes it
    chords.set("100", "C"); // off the sixteenths
    chords.set("x", "C");
    expect(readChordOverrides(doc)).toEqual(new Map([[0, "Am7"], [1920, "G/B"]]));
  });
});
