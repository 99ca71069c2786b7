import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { docMaps, initPieceDoc, readMeta, readNotes, readTracks } from "../../lib/doc-schema";
import { parseMidiFile, writeMidiFile } from "../../lib/midi";
import { ImportTargetError, SERVER_IMPORT, writeImport } from "./import-notes";

const ada = { id: "u-ada", name: "Ada" };
const fresh = () => {
  const doc = new Y.Doc();
  initPieceDoc(doc);
  return doc;
};

describe("writeImport", () => {
  it("maps a MIDI file's tracks, tempo and meter onto a new piece, replacing the default tracks", () => {
    const file = writeMidiFile({
      meta: { bpm: 132, beatsPerBar: 6, beatUnit: 8 },
      tracks: [
        { id: "x", name: "Piano RH", role: "chords", instrument: "piano", order: 0 },
        { id: "y", name: "Walking bass", role: "bass", instrument: "bass", order: 1 },
      ],
      notes: [
        { track: "x", pitch: 67, start: 0, duration: 240, velocity: 70 },
        { track: "y", pitch: 31, start: 0, duration: 720, velocity: 90 },
      ],
    });
    const piece = parseMidiFile(file, "a.mid");
    const doc = fresh();
    const origins: unknown[] = [];
    doc.on("afterTransaction", (tr: Y.Transaction) => origins.push(tr.origin));
    const setup = { meta: piece.meta, tracks: Object.fromEntries(piece.tracks.map(({ id, ...t }) => [id, t])) };
    const { noteIds, ledger } = writeImport(doc, "p1", piece.notes.map(({ id: _id, ...n }) => n), ada, setup);

    expect(origins).toEqual([SERVER_IMPORT]);
    expect(readMeta(doc)).toEqual({ bpm: 132, beatsPerBar: 6, beatUnit: 8 });
    expect(readTracks(doc).map((t) => [t.name, t.role, t.instrument])).toEqual([
      ["Piano RH", "chords", "piano"],
      ["Walking bass", "bass", "bass"],
    ]);
    expect(readNotes(doc).map((n) => n.id).sort()).toEqual([...noteIds].sort());
    expect(noteIds.map((id) => docMaps(doc).provenance.get(id))).toEqual([
      { kind: "human", userId: "u-ada" },
      { kind: "human", userId: "u-ada" },
    ]);
    expect(ledger.map((e) => [e.noteId, e.action, e.authorKind, e.actorId])).toEqual(noteIds.map((id) => [id, "create", "human", "u-ada"]));
  });

  it("checks everything before writing: a note for a missing track or an invalid note changes nothing", () => {
    const doc = fresh();
    const before = Y.encodeStateAsUpdate(doc);
    const good = { track: "melody", pitch: 60, start: 0, duration: 480, velocity: 90 };
    expect(() => writeImport(doc, "p1", [good, { ...good, track: "gone" }], ada)).toThrow(ImportTargetError);
    expect(() => writeImport(doc, "p1", [good, { ...good, pitch: 200 }], ada)).toThrow();
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });
});
