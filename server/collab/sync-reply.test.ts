import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { decodeMessage, encodeSyncStep2 } from "./protocol";
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
});
