import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { docMaps, initPieceDoc, type Note } from "../../lib/doc-schema";
import { matchExisting } from "../../lib/accept-match";
import { writeAccept } from "./accept-notes";

const note = (pitch: number, start: number): Note => ({ track: "melody", pitch, start, duration: 480, velocity: 90 });
const by = { userId: "u-bo", userName: "Bo", generationId: "g1", model: "tandem-fim", version: "1.3.0" };
const bar3 = { startBar: 2, endBar: 3, pitchLo: 0, pitchHi: 127, trackIds: ["melody"] };

describe("accepting a candidate", () => {
  it("keeps notes already there that the candidate equals, with their authors (issue 12, finding 3)", () => {
    const doc = new Y.Doc();
    initPieceDoc(doc);
    const mine = [note(60, 3840), note(64, 4320), note(67, 4800)];
    doc.transact(() =>
      mine.forEach((n, i) => {
        docMaps(doc).notes.set(`ada${i}`, n);
        docMaps(doc).provenance.set(`ada${i}`, { kind: "human", userId: "u-ada", name: "Ada" });
      }),
    );
    const { result, ledger } = writeAccept(doc, "p1", [...mine.map((n) => ({ ...n, velocity: 70 })), note(72, 5280)], by, bar3);
    expect(result.agreed).toEqual(["ada0", "ada1", "ada2"]);
    expect(result.replaced).toEqual([]);
    expect(result.added.map(({ id: _id, ...n }) => n)).toEqual([note(72, 5280)]);
    for (const id of ["ada0", "ada1", "ada2"]) {
      expect(docMaps(doc).provenance.get(id)).toEqual({ kind: "human", userId: "u-ada", name: "Ada" });
      expect(docMaps(doc).notes.get(id)?.velocity).toBe(90);
    }
    expect(ledger.map((e) => [e.action, e.authorKind, e.after?.pitch])).toEqual([["create", "model", 72]]);
  });

  it("replaces the region's other notes, ledgered to the person who accepted", () => {
    const doc = new Y.Doc();
    initPieceDoc(doc);
    doc.transact(() => docMaps(doc).notes.set("old", note(50, 3840)));
    const { result, ledger } = writeAccept(doc, "p1", [note(62, 3840)], by, bar3);
    expect(result.replaced.map((n) => n.id)).toEqual(["old"]);
    expect(ledger.map((e) => [e.action, e.authorKind, e.actorId])).toEqual([
      ["delete", "human", "u-bo"],
      ["create", "model", "u-bo"],
    ]);
  });

  it("matches each note already there to one candidate note at most", () => {
    const twice = [note(60, 0), note(60, 0)];
    expect(matchExisting(twice, [["a", note(60, 0)]])).toEqual({ fresh: [note(60, 0)], agreed: ["a"] });
    expect(matchExisting([note(60, 0)], [["a", { ...note(60, 0), duration: 240 }]])).toEqual({ fresh: [note(60, 0)], agreed: [] });
  });
});
