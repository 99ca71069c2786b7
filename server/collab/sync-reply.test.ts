import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { docMaps } from "../../lib/doc-schema";
import { decodeMessage, encodeSyncStep2 } from "./protocol";
import { asProvenanceWriter, writeProvenance, WRITER_ENTRIES } from "./provenance-writer";
import { syncReplies } from "./sync-reply";

const emptyVector = () => Y.encodeStateVector(new Y.Doc());
/** Applies sync step 2 replies in order. */
const applied = (replies: Uint8Array[], into = new Y.Doc()) => {
  for (const reply of replies) {
    const msg = decodeMessage(reply);
    if (msg.type !== "sync-step-2") throw new Error(`expected sync step 2, got ${msg.type}`);
    Y.applyUpdate(into, msg.update);
  }
  return into;
};

describe("syncReplies", () => {
  it("gives newcomers the whole doc, the same bytes until the doc changes, then the new state", () => {
    const doc = new Y.Doc();
    const replies = syncReplies(doc);
    doc.on("update", replies.invalidate);
    doc.getMap("notes").set("a", { pitch: 60 });
    const [first] = replies.reply(emptyVector());
    expect(replies.reply(emptyVector())).toEqual([encodeSyncStep2(doc)]);
    expect(replies.reply(emptyVector())[0]).toBe(first);

    doc.getMap("notes").set("b", { pitch: 62 });
    const second = replies.reply(emptyVector());
    expect(second[0]).not.toBe(first);
    expect(applied(second).getMap("notes").toJSON()).toEqual({ a: { pitch: 60 }, b: { pitch: 62 } });
  });

  it("gives a client that holds part of the doc only what it lacks", () => {
    const doc = new Y.Doc();
    const replies = syncReplies(doc);
    doc.on("update", replies.invalidate);
    doc.getMap("notes").set("a", { pitch: 60 });
    const client = applied(replies.reply(emptyVector()));
    doc.getMap("notes").set("b", { pitch: 62 });
    const diff = replies.reply(Y.encodeStateVector(client));
    expect(diff).toEqual([encodeSyncStep2(doc, Y.encodeStateVector(client))]);
    expect(diff[0].length).toBeLessThan(encodeSyncStep2(doc).length);
    expect(applied(diff, client).getMap("notes").toJSON()).toEqual({ a: { pitch: 60 }, b: { pitch: 62 } });
  });

  it("gives a newcomer that asks for the provenance later the notes without it, then the provenance as its diff", () => {
    const doc = new Y.Doc();
    const replies = syncReplies(doc);
    doc.on("update", replies.invalidate);
    doc.transact(() => {
      docMaps(doc).notes.set("a", { track: "melody", pitch: 60, start: 0, duration: 240, velocity: 90 });
      asProvenanceWriter(doc, () => docMaps(doc).provenance.set("a", { kind: "human", userId: "u1", name: "Ann" }));
    });
    const notesFirst = replies.reply(emptyVector(), { provenanceLater: true });
    expect(replies.reply(emptyVector(), { provenanceLater: true })[0]).toBe(notesFirst[0]);
    expect(notesFirst).toHaveLength(1);
    expect(notesFirst[0].length).toBeLessThan(replies.reply(emptyVector())[0].length);
    const client = applied(notesFirst);
    expect(docMaps(client).notes.has("a")).toBe(true);
    expect(docMaps(client).provenance.size).toBe(0);

    applied(replies.reply(Y.encodeStateVector(client), { provenanceLater: true }), client);
    expect(client.toJSON()).toEqual(doc.toJSON());

    docMaps(doc).notes.delete("a");
    expect(applied(replies.reply(emptyVector(), { provenanceLater: true })).getMap("notes").size).toBe(0);
  });

  it("gives an editor the provenance of a big piece in parts of a few writers' entries, then the rest, which add up to the doc", () => {
    const doc = new Y.Doc();
    const replies = syncReplies(doc);
    doc.on("update", replies.invalidate);
    const entries = WRITER_ENTRIES * 2 + 10;
    doc.transact(() => {
      for (let i = 0; i < entries; i++) docMaps(doc).notes.set(`n${i}`, { track: "melody", pitch: 60, start: i * 240, duration: 240, velocity: 90 });
      writeProvenance(doc, Array.from({ length: entries }, (_, i) => [`n${i}`, { kind: "human", userId: "u1" }] as const));
    });
    const client = applied(replies.reply(emptyVector(), { provenanceLater: true }));
    expect(docMaps(client).provenance.size).toBe(0);
    // Something else the client lacks besides: it comes in the last part.
    doc.getMap("meta").set("bpm", 100);

    const parts = replies.reply(Y.encodeStateVector(client), { provenanceLater: true });
    expect(parts).toHaveLength(4); // three writers' parts and the rest
    const sizes = parts.slice(0, 3).map((part) => docMaps(applied([part])).provenance.size);
    expect(sizes).toEqual([WRITER_ENTRIES, WRITER_ENTRIES, 10]);
    applied(parts, client);
    expect(client.toJSON()).toEqual(doc.toJSON());
    // A client that holds it all gets one (empty) reply.
    expect(replies.reply(Y.encodeStateVector(client), { provenanceLater: true })).toHaveLength(1);
  });
});
