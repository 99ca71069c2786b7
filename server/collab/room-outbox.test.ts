/**
 * A room's broadcast (room-outbox.ts): this process's own changes wait for the tick's end and for being kept, merged
 * into one message; other processes' changes, from the stream, go out as they are applied.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { decodeMessage } from "./protocol";
import { RoomOutbox } from "./room-outbox";

/** A change setting `key` in a map, as the update Yjs emits for it. */
function change(key: string): Uint8Array {
  const doc = new Y.Doc();
  let update: Uint8Array | null = null;
  doc.on("update", (u: Uint8Array) => (update = u));
  doc.getMap("notes").set(key, 60);
  return update!;
}

/** The keys a broadcast message sets, read back into a fresh doc. */
function keysOf(message: Uint8Array): string[] {
  const decoded = decodeMessage(message);
  if (decoded.type !== "update") throw new Error(`expected an update, got ${decoded.type}`);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, decoded.update);
  return [...doc.getMap("notes").keys()].sort();
}

function outbox() {
  const sent: Uint8Array[] = [];
  const waiting: (() => void)[] = [];
  const box = new RoomOutbox({ whenKept: (send) => waiting.push(send), broadcast: (m) => sent.push(m) });
  return { box, sent, waiting };
}

const endOfTick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("RoomOutbox", () => {
  it("sends this process's changes of a tick as one message, once they are kept", async () => {
    const { box, sent, waiting } = outbox();
    box.add(change("a"), false);
    box.add(change("b"), false);
    expect(sent).toHaveLength(0);
    await endOfTick();
    expect(sent).toHaveLength(0);
    expect(waiting).toHaveLength(1);
    waiting[0]();
    expect(sent.map(keysOf)).toEqual([["a", "b"]]);
  });

  it("sends another process's change at once, without waiting for the tick or for being kept", () => {
    const { box, sent, waiting } = outbox();
    box.add(change("r"), true);
    expect(sent.map(keysOf)).toEqual([["r"]]);
    expect(waiting).toHaveLength(0);
  });

  it("keeps another process's change with this process's own when one waits in the tick", async () => {
    const { box, sent, waiting } = outbox();
    box.add(change("a"), false);
    box.add(change("r"), true);
    expect(sent).toHaveLength(0);
    await endOfTick();
    waiting[0]();
    expect(sent.map(keysOf)).toEqual([["a", "r"]]);
  });

  it("drops what the tick holds when the room is gone", async () => {
    const { box, sent, waiting } = outbox();
    box.add(change("a"), false);
    box.clear();
    await endOfTick();
    expect(sent).toHaveLength(0);
    expect(waiting).toHaveLength(0);
  });
});
