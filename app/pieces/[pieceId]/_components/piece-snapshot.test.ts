import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { partKey } from "@/lib/candidate-parts";
import { docMaps, initPieceDoc, type GenerationView } from "@/lib/doc-schema";
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

  it("shows a running generation's streamed notes, rebuilding only the generation a part came to", () => {
    const server = new Y.Doc();
    const doc = new Y.Doc();
    const sync = () => Y.applyUpdate(doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(doc)));
    const maps = docMaps(server);
    const view = (id: string, createdAt: number) => ({ id, createdAt, status: "running", candidates: [] }) as unknown as GenerationView;
    maps.generations.set("g1", view("g1", 1));
    maps.generations.set("g2", view("g2", 2));
    maps.candidateParts.set(partKey("g1", 0, 0), [note(60)]);
    sync();
    const reader = snapshotReader(doc);
    const first = reader.read();
    expect(first.generations.map((g) => g.candidates.map((c) => c.length))).toEqual([[1], []]);

    maps.candidateParts.set(partKey("g2", 1, 0), [note(62), note(64)]);
    sync();
    const second = reader.read();
    expect(second.generations[0]).toBe(first.generations[0]); // nothing came to g1
    expect(second.generations[1].candidates.map((c) => c.length)).toEqual([0, 2]);
    expect(second.notes).toBe(first.notes);

    maps.candidateParts.delete(partKey("g2", 1, 0)); // it finished: its view carries its candidates, its parts go
    maps.generations.set("g2", { ...view("g2", 2), status: "ready", candidates: [[note(67)]] });
    sync();
    expect(reader.read().generations[1].candidates).toEqual([[note(67)]]);
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
