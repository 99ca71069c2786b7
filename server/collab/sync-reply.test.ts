import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { docMaps } from "../../lib/doc-schema";
import { decodeMessage, encodeSyncStep2 } from "./protocol";
import { asProvenanceWriter } from "./provenance-writer";
import { syncReplies } from "./sync-reply";

const emptyVector = () => Y.encodeStateVector(new Y.Doc());
const applied = (reply: Uint8Array, into = new Y.Doc()) => {
  const msg = decodeMessage(reply);
  if (msg.type !== "sync-step-2") throw new Error(`expected sync step 2, got ${msg.type}`);
  Y.applyUpdate(into, msg.update);
  return into;
};

describe("syncReplies", () => {
  it("gives newcomers the whole doc, the same bytes until the doc changes, then the new state", () => {
    const doc = new Y.Doc();
    const replies = syncReplies(doc);
    doc.on("update", replies.invalidate);
    doc.getMap("notes").set("a", { pitch: 60 });
    const first = replies.reply(emptyVector());
    expect(first).toEqual(encodeSyncStep2(doc));
    expect(replies.reply(emptyVector())).toBe(first);

    doc.getMap("notes").set("b", { pitch: 62 });
    const second = replies.reply(emptyVector());
    expect(second).not.toBe(first);
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
    expect(diff).toEqual(encodeSyncStep2(doc, Y.encodeStateVector(client)));
    expect(diff.length).toBeLessThan(encodeSyncStep2(doc).length);
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
    expect(replies.reply(emptyVector(), { provenanceLater: true })).toBe(notesFirst);
    expect(notesFirst.length).toBeLessThan(replies.reply(emptyVector()).length);
    const client = applied(notesFirst);
    expect(docMaps(client).notes.has("a")).toBe(true);
    expect(docMaps(client).provenance.size).toBe(0);

    applied(replies.reply(Y.encodeStateVector(client), { provenanceLater: true }), client);
    expect(client.toJSON()).toEqual(doc.toJSON());

    docMaps(doc).notes.delete("a");
    expect(applied(replies.reply(emptyVector(), { provenanceLater: true })).getMap("notes").size).toBe(0);
  });
});
