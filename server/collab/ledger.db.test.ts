/**
 * The note ledger as the real collab server writes it, with real y-websocket clients: every kind of
 * change, two people editing one note at once, an AI accept racing a human edit, a reviewer's edits
 * dropped, and undo by author through the same path. After each, replaying the ledger gives exactly
 * the notes in the document.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authorOperations } from "../../db/schema";
import { docMaps, readNotes, type Note } from "../../lib/doc-schema";
import { checkConsistency } from "../authorship/consistency";
import { classifyEdit } from "../authorship/edit-kinds";
import { readLedgerRows } from "../authorship/load-report";
import { addGeneration, newUser, until, withPiece, type TestClient } from "./test-harness";

const note: Note = { track: "melody", pitch: 60, start: 0, duration: 480, velocity: 90 };

const alice = newUser("Alice"), bob = newUser("Bob"), rita = newUser("Rita");
const suite = withPiece([[alice, "owner"], [bob, "editor"], [rita, "reviewer"]]);
const { connect, newPiece } = suite;
const serverNote = (pieceId: string, id: string) => suite.collab.readDoc(pieceId, (d) => docMaps(d).notes.get(id) ?? null);
/** The ledger once everything applied is saved, and whether it replays to the document. */
async function settledLedger(pieceId: string) {
  await suite.collab.flushAll();
  const rows = await readLedgerRows(suite.db, pieceId);
  const consistency = checkConsistency(rows, await suite.collab.readDoc(pieceId, readNotes));
  return { rows, consistency };
}

describe("the note ledger, written by the collab server", () => {
  it("records every kind of change, named, attributed to the connection that made it", async () => {
    const pieceId = await newPiece();
    const a = connect(pieceId, alice);
    const b = connect(pieceId, bob);
    await Promise.all([a.synced, b.synced]);
    const steps: [TestClient, Note | null][] = [
      [a, note],
      [b, { ...note, pitch: 62, start: 480 }], // moved
      [a, { ...note, pitch: 64, start: 480 }], // re-pitched
      [b, { ...note, pitch: 64, start: 960 }], // re-timed
      [a, { ...note, pitch: 64, start: 960, duration: 240 }], // re-sized
      [b, { ...note, pitch: 64, start: 960, duration: 240, velocity: 30 }], // re-velocitied
      [a, { ...note, pitch: 64, start: 960, duration: 240, velocity: 30, track: "bass" }], // moved to another track
      [b, null],
    ];
    for (const [client, value] of steps) {
      if (value) docMaps(client.doc).notes.set("n", value);
      else docMaps(client.doc).notes.delete("n");
      await until(() => expect(serverNote(pieceId, "n")).resolves.toEqual(value));
      // The next editor builds on this change (not concurrently with it).
      await until(() => expect([a, b].map((c) => docMaps(c.doc).notes.get("n") ?? null)).toEqual([value, value]));
    }
    const { rows, consistency } = await settledLedger(pieceId);
    expect(rows.map((r) => [r.action, r.actorName, r.before && r.after ? classifyEdit(r.before, r.after) : []])).toEqual([
      ["create", "Alice", []],
      ["update", "Bob", ["moved"]],
      ["update", "Alice", ["re-pitched"]],
      ["update", "Bob", ["re-timed"]],
      ["update", "Alice", ["re-sized"]],
      ["update", "Bob", ["re-velocitied"]],
      ["update", "Alice", ["moved-track"]],
      ["delete", "Bob", []],
    ]);
    expect(consistency).toMatchObject({ ok: true, brokenChain: [] });
  });

  it("two people editing the same note at once: both converge, and the ledger follows what the server applied", async () => {
    const pieceId = await newPiece();
    const a = connect(pieceId, alice);
    const b = connect(pieceId, bob);
    await Promise.all([a.synced, b.synced]);
    docMaps(a.doc).notes.set("n", note);
    await until(() => expect(docMaps(b.doc).notes.get("n")).toEqual(note));
    // Neither has seen the other's edit when making their own.
    docMaps(a.doc).notes.set("n", { ...note, pitch: 67 });
    docMaps(b.doc).notes.set("n", { ...note, start: 960 });
    await until(() => expect(docMaps(a.doc).notes.get("n")).toEqual(docMaps(b.doc).notes.get("n")));
    const final = docMaps(a.doc).notes.get("n");
    await until(() => expect(serverNote(pieceId, "n")).resolves.toEqual(final));
    const { rows, consistency } = await settledLedger(pieceId);
    expect(consistency).toMatchObject({ ok: true, brokenChain: [] });
    const edits = rows.filter((r) => r.action === "update");
    expect(edits.length).toBeGreaterThanOrEqual(1);
    expect(edits.at(-1)!.after).toEqual(final);
    // Each row names the person whose update made that change: the winner's value comes from the winner.
    const winner = final!.pitch === 67 ? alice.id : bob.id;
    expect(edits.at(-1)!.actorId).toBe(winner);
    expect(edits.every((r) => [alice.id, bob.id].includes(r.actorId))).toBe(true);
  });

  it("an AI accept racing a human edit in its region: attributed either way, with no drift", async () => {
    const pieceId = await newPiece();
    const generationId = await addGeneration(suite.db, pieceId, bob, "accepted");
    const b = connect(pieceId, bob);
    await b.synced;
    docMaps(b.doc).notes.set("mine", note);
    await until(() => expect(serverNote(pieceId, "mine")).resolves.toEqual(note));
    const region = { startBar: 0, endBar: 1, pitchLo: 0, pitchHi: 127, trackIds: ["melody"] };
    const by = { userId: alice.id, userName: "Alice", generationId, model: "tiny", version: "1" };
    // Bob re-pitches his note while Alice's accept replaces the region's notes.
    docMaps(b.doc).notes.set("mine", { ...note, pitch: 61 });
    const accepted = await suite.collab.acceptNotes(pieceId, [{ ...note, pitch: 72 }], by, region);
    await until(async () => {
      const server = await suite.collab.readDoc(pieceId, (d) => JSON.stringify(readNotes(d).sort((x, y) => x.id.localeCompare(y.id))));
      expect(JSON.stringify(readNotes(b.doc).sort((x, y) => x.id.localeCompare(y.id)))).toBe(server);
    });
    const { rows, consistency } = await settledLedger(pieceId);
    expect(consistency).toMatchObject({ ok: true, brokenChain: [] });
    const model = rows.filter((r) => r.authorKind === "model");
    expect(model.map((r) => [r.noteId, r.action, r.actorId, r.generationId])).toEqual([[accepted.noteIds[0], "create", alice.id, generationId]]);
    for (const r of rows.filter((x) => x.noteId === "mine")) {
      // Bob's own changes are his; the removal by the accept is Alice's, tied to the generation.
      if (r.action === "delete") expect([r.actorId, r.generationId]).toEqual([alice.id, generationId]);
      else expect(r.actorId).toBe(bob.id);
    }
  });

  it("a reviewer's edits are dropped and never ledgered", async () => {
    const pieceId = await newPiece();
    const r = connect(pieceId, rita);
    const a = connect(pieceId, alice);
    await Promise.all([r.synced, a.synced]);
    docMaps(r.doc).notes.set("sneaky", note);
    docMaps(a.doc).notes.set("real", note);
    await until(() => expect(serverNote(pieceId, "real")).resolves.toEqual(note));
    await new Promise((res) => setTimeout(res, 200));
    expect(await serverNote(pieceId, "sneaky")).toBeNull();
    expect(docMaps(a.doc).notes.has("sneaky")).toBe(false);
    const { rows } = await settledLedger(pieceId);
    expect(rows.map((x) => x.noteId)).toEqual(["real"]);
  });

  it("undo by author goes through the room: clients see it, the ledger names the operation and its runner", async () => {
    const pieceId = await newPiece();
    const a = connect(pieceId, alice);
    await a.synced;
    docMaps(a.doc).notes.set("x", note);
    await until(() => expect(serverNote(pieceId, "x")).resolves.toEqual(note));
    const operationId = `op-${randomUUID()}`;
    await suite.db.insert(authorOperations).values({ id: operationId, pieceId, kind: "revert-author", actorId: bob.id, params: {}, label: "test", planned: 2 });
    const applied = await suite.collab.applyNoteChanges(
      pieceId,
      [
        { noteId: "x", expected: note, next: null },
        { noteId: "y", expected: note, next: null }, // not there: skipped
      ],
      { userId: bob.id, userName: "Bob", operationId },
    );
    expect(applied.map((c) => c.noteId)).toEqual(["x"]);
    await until(() => expect(docMaps(a.doc).notes.has("x")).toBe(false));
    const { rows, consistency } = await settledLedger(pieceId);
    expect(rows.at(-1)).toMatchObject({ noteId: "x", action: "delete", actorId: bob.id, operationId });
    expect(consistency.ok).toBe(true);
  });
});
