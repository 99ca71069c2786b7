/**
 * Editing through a lost connection, against the real collab server with the browser editor's provider in Node
 * (`?acks=1`, track-edits.ts): the edits stay in the doc, are counted until the server answers for them, reach
 * everyone on reconnecting, are credited to their author in the ledger, and still undo. A person demoted while
 * offline has them dropped, and hears how many.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { DbHandle } from "../../db";
import { pieceMembers } from "../../db/schema";
import { createTestDb } from "../../db/test-db";
import { MAX_STRUCTS_PER_MESSAGE } from "../../lib/collab-protocol";
import { docMaps, type Note } from "../../lib/doc-schema";
import { readLedgerRows } from "../../server/authorship/load-report";
import { addPiece, addUser, connectClient, startHarness, type Harness } from "../../server/collab/test-harness";
import type { SessionUser } from "../../server/services";
import { addNote, deleteNotes, moveNotes } from "../_components/piano-roll/commands";
import { createHistory } from "../_components/piano-roll/history";
import { openTestEditor } from "./test-editor";

let handle: DbHandle;
let harness: Harness;
let alice: SessionUser, bob: SessionUser;
const cleanups: (() => void)[] = [];
const until = (fn: () => unknown) => vi.waitFor(fn, { timeout: 10_000, interval: 20 });

beforeAll(async () => {
  handle = await createTestDb();
  [alice, bob] = await Promise.all(["Alice", "Bob"].map((n) => addUser(handle.db, n)));
  harness = await startHarness(handle.db);
});
afterEach(() => cleanups.splice(0).forEach((c) => c()));
afterAll(async () => {
  await harness?.close();
  await handle?.close();
});

function editor(pieceId: string, user: SessionUser) {
  const e = openTestEditor(harness.url, pieceId, user.id);
  cleanups.push(e.destroy);
  return e;
}

function watcher(pieceId: string, user: SessionUser) {
  const c = connectClient(harness.url, pieceId, user.id);
  cleanups.push(() => c.destroy());
  return c;
}

/** A new piece: Alice in the browser editor's client, Bob watching; both synced. */
async function aliceEditsBobWatches() {
  const pieceId = await addPiece(handle.db, [[alice, "owner"], [bob, "editor"]]);
  const a = editor(pieceId, alice);
  const b = watcher(pieceId, bob);
  await until(() => expect(a.edits.snapshot().loaded).toBe(true));
  await b.synced;
  return { pieceId, a, b };
}

const noteAt = (start: number, pitch = 60): Note => ({ track: "melody", pitch, start, duration: 240, velocity: 80 });
const rowsOf = async (pieceId: string) => {
  await harness.collab.flushAll();
  return readLedgerRows(handle.db, pieceId);
};

describe("edits made while offline", () => {
  it("are counted, sync on reconnecting, reach the others credited to their author, and still undo", async () => {
    const { pieceId, a, b } = await aliceEditsBobWatches();
    const kept = addNote(a.doc, noteAt(0));
    const gone = addNote(a.doc, noteAt(480));
    await until(() => expect(docMaps(b.doc).notes.size).toBe(2));
    await until(() => expect(a.edits.snapshot().unsynced).toBe(0)); // the server answered for both

    a.provider.disconnect(); // the connection is lost
    const added = addNote(a.doc, noteAt(960, 64));
    moveNotes(a.doc, [kept], 120, 2);
    deleteNotes(a.doc, [gone]);
    expect(a.edits.snapshot()).toMatchObject({ unsynced: 3, catchingUp: false });
    await new Promise((r) => setTimeout(r, 150));
    expect(docMaps(b.doc).notes.has(added)).toBe(false); // nothing left this tab

    a.provider.connect();
    await until(() => expect(a.edits.snapshot()).toMatchObject({ unsynced: 0, catchingUp: false, refused: 0 }));
    await until(() => expect(docMaps(b.doc).notes.get(added)).toEqual(noteAt(960, 64)));
    expect(docMaps(b.doc).notes.get(kept)).toEqual(noteAt(120, 62));
    expect(docMaps(b.doc).notes.has(gone)).toBe(false);
    await until(() => expect(docMaps(b.doc).provenance.get(added)).toMatchObject({ kind: "human", userId: alice.id }));

    const rows = await rowsOf(pieceId);
    expect(rows.map((r) => [r.noteId, r.action, r.actorId])).toEqual([
      [kept, "create", alice.id],
      [gone, "create", alice.id],
      [added, "create", alice.id],
      [kept, "update", alice.id],
      [gone, "delete", alice.id],
    ]);

    // Her undo, back online, takes back the offline delete: the note returns for everyone, again in her name.
    const history = createHistory(a.doc);
    cleanups.push(() => history.destroy());
    deleteNotes(a.doc, [added]);
    expect(history.undo()).toBe(true);
    await until(() => expect(docMaps(b.doc).notes.get(added)).toEqual(noteAt(960, 64)));
    await until(() => expect(a.edits.snapshot().unsynced).toBe(0));
    expect((await rowsOf(pieceId)).slice(5).map((r) => [r.noteId, r.action, r.actorId])).toEqual([
      [added, "delete", alice.id],
      [added, "create", alice.id],
    ]);
  });

  it("more than one message's worth made offline sync in parts, all of them credited", async () => {
    const { pieceId, a, b } = await aliceEditsBobWatches();
    a.provider.disconnect();
    const count = MAX_STRUCTS_PER_MESSAGE + 500; // one entry each: the server refuses all of them in one message
    for (let i = 0; i < count; i++) addNote(a.doc, noteAt(i * 240, 40 + (i % 40)));
    expect(a.edits.snapshot().unsynced).toBe(count);
    a.provider.connect();
    await until(() => expect(a.edits.snapshot()).toMatchObject({ unsynced: 0, catchingUp: false, refused: 0 }));
    expect(a.provider.wsconnected).toBe(true); // never closed for a message too large
    await until(() => expect(docMaps(b.doc).notes.size).toBe(count));
    const rows = await rowsOf(pieceId);
    expect(rows).toHaveLength(count);
    expect(new Set(rows.map((r) => `${r.action} ${r.actorId}`))).toEqual(new Set([`create ${alice.id}`]));
  });

  it("one edit larger than a message (a transpose of thousands of notes) is sent in parts, online too", async () => {
    const { pieceId, a, b } = await aliceEditsBobWatches();
    const count = MAX_STRUCTS_PER_MESSAGE + 500;
    const ids = a.doc.transact(() => Array.from({ length: count }, (_, i) => addNote(a.doc, noteAt(i * 240, 40 + (i % 40)))));
    await until(() => expect(docMaps(b.doc).notes.size).toBe(count));
    moveNotes(a.doc, ids, 0, 1); // one transaction: every note written again
    await until(() => expect(a.edits.snapshot()).toMatchObject({ unsynced: 0, refused: 0 }));
    expect(a.provider.wsconnected).toBe(true);
    await until(() => expect(docMaps(b.doc).notes.get(ids[count - 1])).toEqual(noteAt((count - 1) * 240, 41 + ((count - 1) % 40))));
    const rows = await rowsOf(pieceId);
    expect(rows.filter((r) => r.action === "update" && r.actorId === alice.id)).toHaveLength(count);
  });

  it("undo made while offline syncs as the person's own edit", async () => {
    const pieceId = await addPiece(handle.db, [[alice, "owner"], [bob, "editor"]]);
    const a = editor(pieceId, alice);
    const b = watcher(pieceId, bob);
    await until(() => expect(a.edits.snapshot().loaded).toBe(true));
    const history = createHistory(a.doc);
    cleanups.push(() => history.destroy());
    const id = addNote(a.doc, noteAt(0));
    await until(() => expect(docMaps(b.doc).notes.has(id)).toBe(true));

    a.provider.disconnect();
    moveNotes(a.doc, [id], 480, 0);
    expect(history.undo()).toBe(true);
    expect(a.edits.snapshot().unsynced).toBe(2);
    a.provider.connect();
    await until(() => expect(a.edits.snapshot().unsynced).toBe(0));
    await new Promise((r) => setTimeout(r, 100));
    expect(docMaps(b.doc).notes.get(id)).toEqual(noteAt(0)); // moved and moved back: where it was
  });

  it("are dropped, and said to be, when the person was made a viewer meanwhile", async () => {
    const pieceId = await addPiece(handle.db, [[alice, "owner"], [bob, "editor"]]);
    const b = editor(pieceId, bob);
    const a = watcher(pieceId, alice);
    await until(() => expect(b.edits.snapshot().loaded).toBe(true));
    b.provider.disconnect();
    addNote(b.doc, noteAt(0));
    addNote(b.doc, noteAt(240));
    await handle.db
      .update(pieceMembers)
      .set({ role: "viewer" })
      .where(and(eq(pieceMembers.pieceId, pieceId), eq(pieceMembers.userId, bob.id)));
    b.provider.connect();
    await until(() => expect(b.dropped).toEqual([2]));
    expect(b.edits.snapshot()).toMatchObject({ refused: 2, unsynced: 0 });
    await a.synced;
    expect(docMaps(a.doc).notes.size).toBe(0);
    expect(await rowsOf(pieceId)).toEqual([]);
  });

  it("a viewer's empty answer to the server's sync is no refusal", async () => {
    const pieceId = await addPiece(handle.db, [[alice, "owner"], [bob, "viewer"]]);
    const b = editor(pieceId, bob);
    await until(() => expect(b.edits.snapshot().loaded).toBe(true));
    b.provider.disconnect();
    b.provider.connect();
    await until(() => expect(b.provider.synced).toBe(true));
    await new Promise((r) => setTimeout(r, 150));
    expect(b.dropped).toEqual([]);
    expect(b.edits.snapshot()).toMatchObject({ refused: 0, unsynced: 0 });
  });
});
