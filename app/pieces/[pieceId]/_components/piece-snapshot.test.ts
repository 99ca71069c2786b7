import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { docMaps, initPieceDoc } from "@/lib/doc-schema";
import type { JamView } from "@/lib/jam/view";
import { snapshotReader } from "./piece-snapshot";

const note = (pitch: number) => ({ track: "melody", pitch, start: 0, duration: 480, velocity: 90 });

describe("snapshotReader", () => {
  it("reads the doc, and rebuilds only the parts whose maps a transaction changed", () => {
    const doc = new Y.Doc();
    initPieceDoc(doc);
    const maps = docMaps(doc);
    doc.transact(() => {
      maps.notes.set("n1", note(60));
      maps.provenance.set("n1", { kind: "human", userId: "u1", name: "Ann" });
    });
    const reader = snapshotReader(doc);
    const first = reader.read();
    expect(first.notes).toEqual([{ ...note(60), id: "n1" }]);
    expect(first.provenance.get("n1")).toEqual({ kind: "human", userId: "u1", name: "Ann" });
    expect(first.tracks.map((t) => t.id)).toEqual(["melody", "chords", "bass", "drums"]);
    expect(first.meta.bpm).toBe(100);
    expect(reader.read()).toBe(first);

    maps.notes.set("n2", note(62));
    const second = reader.read();
    expect(second.notes.map((n) => n.id).sort()).toEqual(["n1", "n2"]);
    expect(second.provenance).toBe(first.provenance);
    expect(second.tracks).toBe(first.tracks);
    expect(second.trackMap).toBe(first.trackMap);
    expect(second.meta).toBe(first.meta);
    expect(second.generations).toBe(first.generations);

    maps.meta.set("bpm", 120);
    const third = reader.read();
    expect(third.meta.bpm).toBe(120);
    expect(third.notes).toBe(second.notes);
  });

  it("reads the jams oldest first, and keeps the notes' snapshot as a jam's view changes", () => {
    const doc = new Y.Doc();
    initPieceDoc(doc);
    const reader = snapshotReader(doc);
    const before = reader.read();
    const view = (id: string, createdAt: number) => ({ id, createdAt }) as unknown as JamView;
    docMaps(doc).jams.set("j2", view("j2", 20));
    docMaps(doc).jams.set("j1", view("j1", 10));
    const after = reader.read();
    expect(after.jams.map((j) => j.id)).toEqual(["j1", "j2"]);
    expect(after.notes).toBe(before.notes);
  });

  it("sees changes made by updates from elsewhere (a collaborator's edit)", () => {
    const doc = new Y.Doc();
    const reader = snapshotReader(doc);
    expect(reader.read().notes).toEqual([]);
    const other = new Y.Doc();
    docMaps(other).notes.set("n1", note(64));
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    expect(reader.read().notes).toEqual([{ ...note(64), id: "n1" }]);
    expect(snapshotReader(doc)).toBe(reader);
  });
});
