/**
 * The piece's key and the chord symbols people type travel through the real collab server: an editor's reach the
 * others and the database, a malformed one is undone for everyone, a viewer's never land.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { DbHandle } from "../../db";
import { createTestDb } from "../../db/test-db";
import { docMaps, readChordOverrides, readMeta } from "../../lib/doc-schema";
import type { SessionUser } from "../services";
import { addPiece, addUser, connectClient, startHarness, storedDoc, type Harness, type TestClient } from "./test-harness";

let handle: DbHandle;
let harness: Harness;
let ann: SessionUser;
let bea: SessionUser;
let vic: SessionUser;
let clients: TestClient[] = [];

const connect = (pieceId: string, user: SessionUser) => {
  const c = connectClient(harness.url, pieceId, user.id);
  clients.push(c);
  return c;
};
const until = (fn: () => void | Promise<void>, timeout = 5000) => vi.waitFor(fn, { timeout, interval: 20 });

beforeAll(async () => {
  handle = await createTestDb();
  harness = await startHarness(handle.db);
  [ann, bea, vic] = await Promise.all([addUser(handle.db, "Ann"), addUser(handle.db, "Bea"), addUser(handle.db, "Vic")]);
});
afterEach(() => {
  clients.forEach((c) => c.destroy());
  clients = [];
});
afterAll(async () => {
  await harness?.close();
  await handle?.close();
});

describe("key and chord symbols over the collab server", () => {
  it("an editor's key and symbols reach the others and the database; clearing a symbol removes it", async () => {
    const pieceId = await addPiece(handle.db, [[ann, "owner"], [bea, "editor"]]);
    const a = connect(pieceId, ann);
    const b = connect(pieceId, bea);
    await Promise.all([a.synced, b.synced]);
    b.doc.transact(() => {
      docMaps(b.doc).meta.set("key", { tonic: 2, mode: "major" });
      docMaps(b.doc).chords.set("1920", "Am7");
      docMaps(b.doc).chords.set("0", "g/b"); // read as a chord, written the house way
    });
    await until(() => expect(readChordOverrides(a.doc)).toEqual(new Map([[0, "G/B"], [1920, "Am7"]])));
    expect(readMeta(a.doc).key).toEqual({ tonic: 2, mode: "major" });

    docMaps(a.doc).chords.delete("1920");
    await until(() => expect(docMaps(b.doc).chords.has("1920")).toBe(false));
    await harness.collab.flushAll();
    const stored = await storedDoc(handle.db, pieceId);
    expect(readMeta(stored).key).toEqual({ tonic: 2, mode: "major" });
    expect(readChordOverrides(stored)).toEqual(new Map([[0, "G/B"]]));
  });

  it("undoes a malformed key or symbol for everyone, the sender included", async () => {
    const pieceId = await addPiece(handle.db, [[ann, "owner"], [bea, "editor"]]);
    const a = connect(pieceId, ann);
    const b = connect(pieceId, bea);
    await Promise.all([a.synced, b.synced]);
    docMaps(a.doc).meta.set("key", { tonic: 9, mode: "minor" });
    await until(() => expect(readMeta(b.doc).key).toEqual({ tonic: 9, mode: "minor" }));
    b.doc.transact(() => {
      docMaps(b.doc).meta.set("key", { tonic: 9, mode: "minor", owner: "bea" });
      docMaps(b.doc).chords.set("0", "<b>hi</b>");
      docMaps(b.doc).chords.set("7", "C");
    });
    await until(() => {
      expect(docMaps(b.doc).meta.get("key")).toEqual({ tonic: 9, mode: "minor" });
      expect(docMaps(b.doc).chords.size).toBe(0);
    });
    await harness.collab.flushAll();
    expect(await harness.collab.readDoc(pieceId, (d) => [docMaps(d).meta.get("key"), docMaps(d).chords.size])).toEqual([{ tonic: 9, mode: "minor" }, 0]);
  });

  it("never lets a viewer change the key or the chord symbols", async () => {
    const pieceId = await addPiece(handle.db, [[ann, "owner"], [vic, "viewer"]]);
    const a = connect(pieceId, ann);
    const v = connect(pieceId, vic);
    await Promise.all([a.synced, v.synced]);
    docMaps(a.doc).chords.set("0", "C");
    await until(() => expect(docMaps(v.doc).chords.get("0")).toBe("C"));
    v.doc.transact(() => {
      docMaps(v.doc).meta.set("key", { tonic: 4, mode: "phrygian" });
      docMaps(v.doc).chords.set("0", "Dm");
      docMaps(v.doc).chords.set("1920", "G7");
    });
    // The viewer then shows itself in awareness, which the server handles after the update (one socket, in order).
    v.provider.awareness.setLocalStateField("mark", "after");
    await until(() => expect(a.provider.awareness.getStates().get(v.doc.clientID)).toMatchObject({ mark: "after" }));
    await harness.collab.flushAll();
    expect(await harness.collab.readDoc(pieceId, (d) => [readMeta(d).key, Object.fromEntries(docMaps(d).chords.entries())])).toEqual([
      undefined,
      { "0": "C" },
    ]);
    expect(readMeta(a.doc).key).toBeUndefined();
  });
});
