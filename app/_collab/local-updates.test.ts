import { describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { listenToLocalUpdatesOnly } from "./local-updates";

const remoteUpdate = (fill: (doc: Y.Doc) => void) => {
  const other = new Y.Doc();
  fill(other);
  return Y.encodeStateAsUpdate(other);
};

describe("listenToLocalUpdatesOnly", () => {
  it("hands local transactions to the handler, and never encodes the ones the provider applied", () => {
    const doc = new Y.Doc();
    const provider = { name: "provider" };
    const handler = vi.fn();
    doc.on("update", handler);
    const encoded = vi.spyOn(Y.UpdateEncoderV1.prototype, "toUint8Array");
    listenToLocalUpdatesOnly(doc, provider, handler);

    doc.getMap("notes").set("a", 1);
    expect(handler).toHaveBeenCalledTimes(1);
    const update = remoteUpdate((d) => d.getMap("notes").set("b", 2));
    encoded.mockClear();
    Y.applyUpdate(doc, update, provider);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(encoded).not.toHaveBeenCalled(); // no update was built for nobody
    expect(doc.getMap("notes").get("b")).toBe(2);
    doc.getMap("notes").set("c", 3);
    expect(handler).toHaveBeenCalledTimes(2);
    expect(handler.mock.calls[1][1]).toBe(null);
    encoded.mockRestore();
  });

  it("sends a local edit made by an observer of a remote transaction", () => {
    const doc = new Y.Doc();
    const provider = {};
    const handler = vi.fn();
    doc.on("update", handler);
    listenToLocalUpdatesOnly(doc, provider, handler);
    doc.getMap("notes").observe((event) => {
      if (event.transaction.origin === provider) doc.getMap("meta").set("seen", true);
    });
    Y.applyUpdate(doc, remoteUpdate((d) => d.getMap("notes").set("b", 2)), provider);
    expect(handler).toHaveBeenCalledTimes(1);
    const receiver = new Y.Doc();
    Y.applyUpdate(receiver, handler.mock.calls[0][0]);
    expect(receiver.getMap("meta").get("seen")).toBe(true);
  });

  it("puts the handler back when undone", () => {
    const doc = new Y.Doc();
    const provider = {};
    const handler = vi.fn();
    doc.on("update", handler);
    const undo = listenToLocalUpdatesOnly(doc, provider, handler);
    Y.applyUpdate(doc, remoteUpdate((d) => d.getMap("notes").set("b", 2)), provider);
    undo();
    doc.getMap("notes").set("c", 3);
    expect(handler).toHaveBeenCalledTimes(1);
  });
});
