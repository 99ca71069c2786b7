/**
 * Issue 12's forgeries, replayed against the real collab server: an editor writing under another member's Yjs client
 * id (with a gap, so that Yjs would hold it pending and apply it inside her next edit), and deleting items the server
 * does not have yet. Each is refused whole with a named close code, and the ledger credits nobody wrongly.
 */
import { describe, expect, it } from "vitest";
import type { WebSocket } from "ws";
import * as Y from "yjs";
import { docMaps, type Note } from "../../lib/doc-schema";
import { readLedger } from "../authorship/ledger";
import { CloseCode } from "../../lib/collab-protocol";
import { encodeUpdate } from "./protocol";
import { addGeneration, newUser, openRawSocket, until, withPiece } from "./test-harness";

const note = (pitch: number, start = 0): Note => ({ track: "melody", pitch, start, duration: 480, velocity: 90 });

const alice = newUser("Alice"), bob = newUser("Bob");
const suite = withPiece([[alice, "owner"], [bob, "editor"]]);
const { connect, newPiece } = suite;

const closeCode = (ws: WebSocket) => new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));

/** A copy of what `from` holds, speaking as client id `clientID` from now on. */
function replicaOf(from: Y.Doc, clientID: number): Y.Doc {
  const d = new Y.Doc();
  Y.applyUpdate(d, Y.encodeStateAsUpdate(from));
  d.clientID = clientID;
  return d;
}

describe("forged updates", () => {
  it("refuses a note under another member's client id sent with a gap; her next edit is hers alone", async () => {
    const pieceId = await newPiece();
    const a = connect(pieceId, alice);
    await a.synced;
    docMaps(a.doc).notes.set("a1", note(60));
    await until(() => expect(docMaps(a.doc).provenance.get("a1")).toMatchObject({ userId: alice.id }));

    // Bob forges: one struct of Alice's next clock skipped, then a note under her id.
    const forged = replicaOf(a.doc, a.doc.clientID);
    const sv = Y.encodeStateVector(forged);
    docMaps(forged).notes.set("gap", note(61));
    const afterGap = Y.encodeStateVector(forged);
    docMaps(forged).notes.set("forged", note(99, 480));
    const withGap = Y.encodeStateAsUpdate(forged, afterGap);
    expect(sv).not.toEqual(afterGap);
    const ws = await openRawSocket(suite.harness.url, pieceId, bob.id);
    const closed = closeCode(ws);
    ws.send(encodeUpdate(withGap));
    expect(await closed).toBe(CloseCode.updateRefused);

    // Alice's next edit fills the clock Bob skipped: with a pending struct on the server it would have carried his note in.
    docMaps(a.doc).notes.set("a2", note(64, 960));
    await until(() => expect(docMaps(a.doc).provenance.get("a2")).toMatchObject({ userId: alice.id }));
    await suite.collab.flushAll();
    const rows = await readLedger(suite.db, pieceId);
    expect(rows.map((r) => [r.noteId, r.actorId])).toEqual([
      ["a1", alice.id],
      ["a2", alice.id],
    ]);
    expect(docMaps(a.doc).notes.has("forged")).toBe(false);
  });

  it("refuses a delete of items the server does not have, so it never lands in someone's later edit", async () => {
    const pieceId = await newPiece();
    const a = connect(pieceId, alice);
    await a.synced;
    // Bob predicts the ids Alice's next three notes will get and deletes them ahead of time.
    const future = replicaOf(a.doc, a.doc.clientID);
    const before = Y.encodeStateVector(future);
    future.transact(() => ["f1", "f2", "f3"].forEach((id, i) => docMaps(future).notes.set(id, note(70 + i, i * 480))));
    const created = Y.encodeStateVector(future);
    future.transact(() => ["f1", "f2", "f3"].forEach((id) => docMaps(future).notes.delete(id)));
    const deletesOnly = Y.encodeStateAsUpdate(future, created);
    expect(before).not.toEqual(created);

    const ws = await openRawSocket(suite.harness.url, pieceId, bob.id);
    const closed = closeCode(ws);
    ws.send(encodeUpdate(deletesOnly));
    expect(await closed).toBe(CloseCode.updateRefused);

    a.doc.transact(() => ["f1", "f2", "f3"].forEach((id, i) => docMaps(a.doc).notes.set(id, note(70 + i, i * 480))));
    await until(() => expect(docMaps(a.doc).provenance.get("f3")).toMatchObject({ userId: alice.id }));
    expect([...docMaps(a.doc).notes.keys()].sort()).toEqual(["f1", "f2", "f3"]);
  });

  it("re-creating deleted ids with other content gives the sender new notes; the old credit does not carry over", async () => {
    const pieceId = await newPiece();
    const generationId = await addGeneration(suite.db, pieceId, alice);
    const a = connect(pieceId, alice);
    const b = connect(pieceId, bob);
    await Promise.all([a.synced, b.synced]);
    const by = { userId: alice.id, userName: "Alice", generationId, model: "tiny", version: "1" };
    const [modelNote] = (await suite.collab.acceptNotes(pieceId, [note(67)], by)).noteIds;
    docMaps(a.doc).notes.set("a1", note(60, 480));
    await until(() => expect(docMaps(b.doc).provenance.get("a1")).toMatchObject({ userId: alice.id }));
    await until(() => expect(docMaps(b.doc).notes.has(modelNote)).toBe(true));
    b.doc.transact(() => [modelNote, "a1"].forEach((id) => docMaps(b.doc).notes.delete(id)));
    b.doc.transact(() => [modelNote, "a1"].forEach((id, i) => docMaps(b.doc).notes.set(id, note(40 + i, 1920))));
    await until(() => expect([...docMaps(a.doc).notes.values()]).toHaveLength(2));
    await until(() => expect(docMaps(a.doc).notes.has("a1")).toBe(false));
    await suite.collab.flushAll();

    const rows = await readLedger(suite.db, pieceId);
    const creators = new Map<string, string>();
    for (const r of rows) if (r.action === "create" && !creators.has(r.noteId)) creators.set(r.noteId, r.actorId);
    const now = [...docMaps(a.doc).notes.keys()];
    expect(now.map((id) => creators.get(id))).toEqual([bob.id, bob.id]);
    expect(now.map((id) => docMaps(a.doc).provenance.get(id)?.kind)).toEqual(["human", "human"]);
    expect(now).not.toContain(modelNote);
  });

  it("bounds one message: too many notes is refused whole (4413), too many bytes is cut off by the socket (1009)", async () => {
    const pieceId = await newPiece();
    const a = connect(pieceId, alice);
    await a.synced;
    const many = (count: number) => {
      const d = replicaOf(a.doc, 5000 + count);
      const sv = Y.encodeStateVector(d);
      d.transact(() => {
        for (let i = 0; i < count; i++) docMaps(d).notes.set(`m${i}`, note(40 + (i % 40), i * 120));
      });
      return Y.encodeStateAsUpdate(d, sv);
    };
    for (const [count, code] of [
      [2_500, CloseCode.updateTooLarge],
      [100_000, CloseCode.tooLarge],
    ] as const) {
      const ws = await openRawSocket(suite.harness.url, pieceId, bob.id);
      const closed = closeCode(ws);
      ws.send(encodeUpdate(many(count)));
      expect(await closed).toBe(code);
    }
    docMaps(a.doc).notes.set("after", note(60));
    await until(() => expect(docMaps(a.doc).provenance.get("after")).toMatchObject({ userId: alice.id }));
    expect([...docMaps(a.doc).notes.keys()]).toEqual(["after"]);
  });

  it("refuses a new root type and leaves the piece as it was", async () => {
    const pieceId = await newPiece();
    const a = connect(pieceId, alice);
    await a.synced;
    const junk = replicaOf(a.doc, 4242);
    const sv = Y.encodeStateVector(junk);
    junk.getText("junk").insert(0, "x".repeat(100_000));
    const ws = await openRawSocket(suite.harness.url, pieceId, bob.id);
    const closed = closeCode(ws);
    ws.send(encodeUpdate(Y.encodeStateAsUpdate(junk, sv)));
    expect(await closed).toBe(CloseCode.updateRefused);
    const b = connect(pieceId, bob);
    await b.synced;
    expect(b.doc.share.has("junk")).toBe(false);
  });
});
