import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { MessageType, SyncStep } from "../../lib/collab-protocol";
import { awarenessClientIds, decodeMessage, encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate, ProtocolError } from "./protocol";

describe("protocol", () => {
  const doc = new Y.Doc();
  doc.getMap("notes").set("n1", { pitch: 60 });

  it("round-trips the messages a y-websocket client sends", () => {
    expect(decodeMessage(encodeSyncStep1(doc))).toEqual({ type: "sync-step-1", stateVector: Y.encodeStateVector(doc) });
    expect(decodeMessage(encodeSyncStep2(doc))).toEqual({ type: "sync-step-2", update: Y.encodeStateAsUpdate(doc) });
    expect(decodeMessage(encodeUpdate(Uint8Array.of(1, 2)))).toEqual({ type: "update", update: Uint8Array.of(1, 2) });
    const awareness = new awarenessProtocol.Awareness(doc);
    expect(decodeMessage(encodeAwareness(awareness, [doc.clientID]))).toMatchObject({ type: "awareness" });
    awareness.destroy();
    expect(decodeMessage(Uint8Array.of(MessageType.queryAwareness))).toEqual({ type: "query-awareness" });
  });

  it.each([
    ["an empty message", Uint8Array.of()],
    ["an unknown message type", Uint8Array.of(9)],
    ["an auth message (server to client only)", Uint8Array.of(MessageType.auth, 0)],
    ["an unknown sync step", Uint8Array.of(MessageType.sync, 7, 0)],
    ["a truncated payload", Uint8Array.of(MessageType.sync, SyncStep.update, 50, 1)],
  ])("rejects %s", (_, data) => {
    expect(() => decodeMessage(data)).toThrow(ProtocolError);
  });

  it("rejects a varint that never ends", () => {
    const e = encoding.createEncoder();
    for (let i = 0; i < 12; i++) encoding.writeUint8(e, 0xff);
    expect(() => decodeMessage(encoding.toUint8Array(e))).toThrow(ProtocolError);
  });

  it("lists the client ids an awareness update speaks for", () => {
    const a = new awarenessProtocol.Awareness(new Y.Doc());
    a.setLocalState({ user: "x" });
    expect(awarenessClientIds(awarenessProtocol.encodeAwarenessUpdate(a, [a.clientID]))).toEqual([a.clientID]);
    a.destroy();
    expect(() => awarenessClientIds(Uint8Array.of(2, 1))).toThrow(ProtocolError);
  });
});
