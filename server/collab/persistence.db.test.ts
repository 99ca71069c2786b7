import { eq } from "drizzle-orm";
import * as Y from "yjs";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db, DbHandle } from "../../db";
import { docUpdates } from "../../db/schema/documents";
import { createTestDb } from "../../db/test-db";
import { docMaps, readNotes, type Note } from "../../lib/doc-schema";
import { readLedger } from "../authorship/ledger";
import type { SessionUser } from "../services";
import { appendStreamBatch, compactPiece, loadPiece } from "./persistence";
import { addPiece, addUser, connectClient, startHarness, storedDoc as storedDocOf, type Harness, type TestClient } from "./test-harness";

const note: Note = { track: "melody", pitch: 60, start: 0, duration: 480, velocity: 90 };

let handle: DbHandle;
let alice: SessionUser;
let harnesses: Harness[] = [];
let clients: TestClient[] = [];

const start = async (opts: Parameters<typeof startHarness>[1] = {}, db: Db = handle.db) => {
  const h = await startHarness(db, opts);
  harnesses.push(h);
  return h;
};
const connect = (h: Harness, pieceId: string) => {
  const c = connectClient(h.url, pieceId, alice.id);
  clients.push(c);
  return c;
};
const until = (fn: () => void | Promise<void>, timeout = 5000) => vi.waitFor(fn, { timeout, interval: 20 });

const storedDoc = (pieceId: string) => storedDocOf(handle.db, pieceId);
const rowCount = async (pieceId: string) => (await handle.db.select().from(docUpdates).where(eq(docUpdates.pieceId, pieceId))).length;

beforeAll(async () => {
  handle = await createTestDb();
  alice = await addUser(handle.db, "Alice");
});
afterEach(async () => {
  clients.forEach((c) => c.destroy());
  clients = [];
  await Promise.all(harnesses.map((h) => h.close()));
  harnesses = [];
});
afterAll(async () => {
  await handle?.close();
});

const newPiece = () => addPiece(handle.db, [[alice, "owner"]]);

describe("collab persistence", () => {
  it("writes an applied update within the debounce, without a flush", async () => {
    const h = await start({ persistDebounceMs: 250 });
    const pieceId = await newPiece();
    const a = connect(h, pieceId);
    await a.synced;
    const sent = Date.now();
    docMaps(a.doc).notes.set("n1", note);
    await until(async () => expect(docMaps(await storedDoc(pieceId)).notes.get("n1")).toEqual(note), 2000);
    expect(Date.now() - sent).toBeLessThan(2000);
    expect(await readLedger(handle.db, pieceId)).toHaveLength(1);
  });

  it("keeps the piece and its ledger across a restart", async () => {
    const first = await start();
    const pieceId = await newPiece();
    const a = connect(first, pieceId);
    await a.synced;
    docMaps(a.doc).notes.set("n1", note);
    docMaps(a.doc).meta.set("bpm", 132);
    a.doc.transact(() => docMaps(a.doc).tracks.clear());
    await until(async () => expect(await first.collab.readDoc(pieceId, (d) => [docMaps(d).notes.size, docMaps(d).tracks.size])).toEqual([1, 0]));
    await first.close(); // flushes
    a.destroy();

    const second = await start();
    const b = connect(second, pieceId);
    await b.synced;
    expect(readNotes(b.doc)).toEqual([{ ...note, id: "n1" }]);
    expect(docMaps(b.doc).meta.get("bpm")).toBe(132);
    expect(docMaps(b.doc).tracks.size).toBe(0); // initialised once, not again when the tracks are all gone
    expect((await readLedger(handle.db, pieceId)).map((r) => [r.noteId, r.actorId])).toEqual([["n1", alice.id]]);
  });

  it("unloads an idle piece after its last client leaves, and reloads it intact", async () => {
    const h = await start({ idleUnloadMs: 100 });
    const pieceId = await newPiece();
    const a = connect(h, pieceId);
    await a.synced;
    docMaps(a.doc).notes.set("n1", note);
    await until(async () => expect(await h.collab.readDoc(pieceId, (d) => docMaps(d).notes.size)).toBe(1));
    expect(h.collab.openPieces()).toContain(pieceId);
    a.destroy();
    await until(() => expect(h.collab.openPieces()).not.toContain(pieceId));
    expect(await h.collab.readDoc(pieceId, (d) => docMaps(d).notes.get("n1"))).toEqual(note);
    await until(() => expect(h.collab.openPieces()).not.toContain(pieceId)); // readDoc lets it unload again
  });

  it("keeps a piece whose save failed in memory until a retry succeeds", async () => {
    let down = false;
    const flaky = new Proxy(handle.db, {
      get(target, prop, receiver) {
        // Every way a save writes: one statement (execute), or a transaction (compaction).
        if ((prop === "execute" || prop === "transaction") && down) return () => Promise.reject(new Error("database unavailable"));
        return Reflect.get(target, prop, receiver);
      },
    });
    const h = await start({ idleUnloadMs: 50, persistDebounceMs: 20 }, flaky);
    const pieceId = await newPiece();
    const a = connect(h, pieceId);
    await a.synced;
    await h.collab.flushAll();
    down = true;
    docMaps(a.doc).notes.set("n1", note);
    await until(async () => expect(await h.collab.readDoc(pieceId, (d) => docMaps(d).notes.size)).toBe(1));
    a.destroy();
    await new Promise((r) => setTimeout(r, 400));
    expect(h.collab.openPieces()).toContain(pieceId);
    await expect(h.collab.flushAll()).rejects.toThrow(/could not be saved/);
    down = false;
    await until(() => expect(h.collab.openPieces()).not.toContain(pieceId));
    expect(docMaps(await storedDoc(pieceId)).notes.get("n1")).toEqual(note);
    expect(await readLedger(handle.db, pieceId)).toHaveLength(1);
  });

  it("compacts many rows into one without losing anything", async () => {
    const h = await start({ compactAfterRows: 3 });
    const pieceId = await newPiece();
    const a = connect(h, pieceId);
    await a.synced;
    for (let i = 0; i < 8; i++) {
      docMaps(a.doc).notes.set(`n${i}`, { ...note, start: i * 480 });
      await until(async () => expect(await h.collab.readDoc(pieceId, (d) => docMaps(d).notes.size)).toBe(i + 1));
      await h.collab.flushAll();
      expect(await rowCount(pieceId)).toBeLessThanOrEqual(3);
    }
    docMaps(a.doc).notes.delete("n0");
    await until(async () => expect(await h.collab.readDoc(pieceId, (d) => docMaps(d).notes.size)).toBe(7));
    await h.collab.flushAll();
    await compactPiece(handle.db, pieceId);
    expect(await rowCount(pieceId)).toBe(1);
    const stored = await storedDoc(pieceId);
    expect(readNotes(stored).map((n) => n.id).sort()).toEqual(["n1", "n2", "n3", "n4", "n5", "n6", "n7"]);
    expect(await readLedger(handle.db, pieceId)).toHaveLength(9);
  });
});

describe("saving a piece's update stream (several app processes)", () => {
  const ledgerOf = (pieceId: string, noteId: string) => [{ pieceId, noteId, action: "create" as const, authorKind: "human" as const, actorId: alice.id, generationId: null, before: null, after: note }];
  const updateAdding = (noteId: string) => {
    const doc = new Y.Doc();
    docMaps(doc).notes.set(noteId, note);
    return Y.encodeStateAsUpdate(doc);
  };

  it("moves the stream position with the rows, and writes nothing when another process moved it first", async () => {
    const pieceId = await newPiece();
    expect((await loadPiece(handle.db, pieceId)).streamSavedTo).toBeNull();
    expect(await appendStreamBatch(handle.db, pieceId, { updates: [updateAdding("a")], ledger: ledgerOf(pieceId, "a") }, null, "1-0")).toBe(true);
    // A process whose lease lapsed still thinks the position is where it left it: refused whole.
    expect(await appendStreamBatch(handle.db, pieceId, { updates: [updateAdding("b")], ledger: ledgerOf(pieceId, "b") }, null, "2-0")).toBe(false);
    expect(await appendStreamBatch(handle.db, pieceId, { updates: [updateAdding("c")], ledger: ledgerOf(pieceId, "c") }, "1-0", "3-0")).toBe(true);

    const loaded = await loadPiece(handle.db, pieceId);
    expect(loaded.streamSavedTo).toBe("3-0");
    expect(loaded.rows).toBe(2);
    expect(readNotes(await storedDoc(pieceId)).length).toBe(2);
    expect((await readLedger(handle.db, pieceId)).map((r) => r.noteId)).toEqual(["a", "c"]);
  });
});
