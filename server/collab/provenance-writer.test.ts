import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { docMaps, type Provenance } from "../../lib/doc-schema";
import { asProvenanceWriter, provenanceWriterState, writeProvenance, WRITER_ENTRIES } from "./provenance-writer";

const note = { track: "melody", pitch: 60, start: 0, duration: 240, velocity: 90 };
const by: Provenance = { kind: "human", userId: "u1", name: "Ann" };

/** A piece as the server writes it: notes by a client (and the server), provenance by the server's writer. */
function piece(notes = 5) {
  const doc = new Y.Doc();
  const client = new Y.Doc();
  client.on("update", (u: Uint8Array) => Y.applyUpdate(doc, u, "client"));
  for (let i = 0; i < notes; i++) {
    docMaps(client).notes.set(`n${i}`, { ...note, start: i * 240 });
    doc.transact(() => asProvenanceWriter(doc, () => docMaps(doc).provenance.set(`n${i}`, by)));
  }
  doc.transact(() => docMaps(doc).meta.set("bpm", 90)); // the server's own client writes something else
  return doc;
}

describe("asProvenanceWriter", () => {
  it("writes under a client id of its own, the same every time, and gives the doc its id back", () => {
    const doc = new Y.Doc();
    const own = doc.clientID;
    doc.transact(() => {
      docMaps(doc).notes.set("a", note);
      asProvenanceWriter(doc, () => docMaps(doc).provenance.set("a", by));
      asProvenanceWriter(doc, () => docMaps(doc).provenance.set("b", by));
    });
    expect(doc.clientID).toBe(own);
    const clients = [...doc.store.clients.keys()];
    expect(clients).toHaveLength(2);
    const writer = clients.find((c) => c !== own)!;
    expect(provenanceWriterState(doc)).toEqual(new Map([[writer, 2]]));
  });

  it("hands over to a new writer after WRITER_ENTRIES entries; writeProvenance splits a long list among writers", () => {
    const doc = new Y.Doc();
    const own = doc.clientID;
    doc.transact(() => {
      for (let i = 0; i < WRITER_ENTRIES + 1; i++) asProvenanceWriter(doc, () => docMaps(doc).provenance.set(`a${i}`, by));
    });
    expect([...provenanceWriterState(doc).values()]).toEqual([WRITER_ENTRIES, 1]);
    const many = new Y.Doc();
    many.transact(() => writeProvenance(many, Array.from({ length: WRITER_ENTRIES * 2 + 5 }, (_, i) => [`n${i}`, by] as const)));
    expect([...provenanceWriterState(many).values()]).toEqual([WRITER_ENTRIES, WRITER_ENTRIES, 5]);
    expect(docMaps(many).provenance.size).toBe(WRITER_ENTRIES * 2 + 5);
    expect(doc.clientID).toBe(own);
  });

  it("gives the doc its id back when the write throws", () => {
    const doc = new Y.Doc();
    const own = doc.clientID;
    expect(() =>
      asProvenanceWriter(doc, () => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(doc.clientID).toBe(own);
  });
});

describe("provenanceWriterState", () => {
  it("as a target, leaves exactly the provenance out of an update; the diff after brings it", () => {
    const doc = piece();
    const notesFirst = new Y.Doc();
    Y.applyUpdate(notesFirst, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(provenanceWriterState(doc))));
    expect(docMaps(notesFirst).notes.size).toBe(5);
    expect(docMaps(notesFirst).meta.get("bpm")).toBe(90);
    expect(docMaps(notesFirst).provenance.size).toBe(0);

    Y.applyUpdate(notesFirst, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(notesFirst)));
    expect(notesFirst.toJSON()).toEqual(doc.toJSON());
  });

  it("counts the writers of earlier loads of the piece, and no client that wrote anything else", () => {
    const first = piece(2);
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(first));
    reloaded.transact(() => asProvenanceWriter(reloaded, () => docMaps(reloaded).provenance.set("n0", { ...by, editedBy: ["u2"] })));
    expect(provenanceWriterState(reloaded).size).toBe(2);

    // A piece written before the writers existed: its provenance shares the server's client with other writes.
    const old = new Y.Doc();
    old.transact(() => {
      docMaps(old).meta.set("bpm", 90);
      docMaps(old).provenance.set("n0", by);
    });
    expect(provenanceWriterState(old).size).toBe(0);
  });
});
