/**
 * appendBatch, the one statement a save writes: the merged update row and the ledger rows land together or not at
 * all, in order, with every field as given.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { DbHandle } from "../../db";
import { authorOperations, docUpdates } from "../../db/schema";
import { createTestDb } from "../../db/test-db";
import { docMaps, readNotes, type Note } from "../../lib/doc-schema";
import { readLedger, type LedgerEntry } from "../authorship/ledger";
import type { SessionUser } from "../services";
import { appendBatch, loadPiece } from "./persistence";
import { addGeneration, addPiece, addUser } from "./test-harness";

let handle: DbHandle;
let alice: SessionUser;

beforeAll(async () => {
  handle = await createTestDb();
  alice = await addUser(handle.db, "Alice");
});
afterAll(async () => {
  await handle?.close();
});

const note = (i: number): Note => ({ track: `melody "${i}" \\ é 音`, pitch: 40 + (i % 40), start: i * 120, duration: 240, velocity: 90 });
const human = (pieceId: string, noteId: string, before: Note | null, after: Note | null): LedgerEntry => ({
  pieceId,
  noteId,
  action: before === null ? "create" : after === null ? "delete" : "update",
  authorKind: "human",
  actorId: alice.id,
  generationId: null,
  before,
  after,
});
/** The rows as LedgerEntry fields, to compare with what was written. */
const stored = async (pieceId: string) =>
  (await readLedger(handle.db, pieceId)).map(({ pieceId, noteId, action, authorKind, actorId, generationId, operationId, before, after }) => ({
    pieceId,
    noteId,
    action,
    authorKind,
    actorId,
    generationId,
    operationId,
    before,
    after,
  }));
/** Raw updates that add notes n<from>..n<to-1> to a doc, one transaction each. */
function noteUpdates(from: number, to: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  for (let i = from; i < to; i++) docMaps(doc).notes.set(`n${i}`, note(i));
  return updates;
}
async function storedNotes(pieceId: string) {
  const doc = new Y.Doc();
  (await loadPiece(handle.db, pieceId)).updates.forEach((u) => Y.applyUpdate(doc, u));
  return readNotes(doc);
}

describe("appendBatch", () => {
  it("writes the updates as one merged row and the ledger rows in order, every field as given", async () => {
    const pieceId = await addPiece(handle.db, [[alice, "owner"]]);
    const generationId = await addGeneration(handle.db, pieceId, alice);
    const operationId = `op-${randomUUID()}`;
    await handle.db.insert(authorOperations).values({ id: operationId, pieceId, kind: "undo", actorId: alice.id, params: {}, label: "l", planned: 1 });
    // More rows than one multi-row INSERT used to take (1000), so order across that boundary counts too.
    const ledger = Array.from({ length: 1500 }, (_, i) => human(pieceId, `n${i}`, null, note(i)));
    ledger.push(human(pieceId, "n0", note(0), note(1)));
    ledger.push(human(pieceId, "n1", note(1), null));
    ledger.push({ ...human(pieceId, "n2", note(2), note(3)), authorKind: "model", generationId });
    ledger.push({ ...human(pieceId, "n3", note(3), null), operationId });

    await appendBatch(handle.db, pieceId, { updates: noteUpdates(0, 5), ledger });

    expect(await stored(pieceId)).toEqual(ledger.map((e) => ({ ...e, operationId: e.operationId ?? null })));
    const rows = await handle.db.select({ merged: docUpdates.merged }).from(docUpdates).where(eq(docUpdates.pieceId, pieceId));
    expect(rows).toEqual([{ merged: 5 }]);
    expect((await storedNotes(pieceId)).map((n) => n.id).sort()).toEqual(["n0", "n1", "n2", "n3", "n4"]);
  });

  it("writes an update without ledger rows, and ledger rows without an update", async () => {
    const pieceId = await addPiece(handle.db, [[alice, "owner"]]);
    await appendBatch(handle.db, pieceId, { updates: noteUpdates(0, 1), ledger: [] });
    await appendBatch(handle.db, pieceId, { updates: [], ledger: [human(pieceId, "n0", null, note(0))] });
    expect((await loadPiece(handle.db, pieceId)).rows).toBe(1);
    expect(await stored(pieceId)).toHaveLength(1);
  });

  it("writes nothing of a batch the database refuses", async () => {
    const pieceId = await addPiece(handle.db, [[alice, "owner"]]);
    const ledger = [human(pieceId, "n0", null, note(0)), { ...human(pieceId, "n1", null, note(1)), actorId: "nobody" }];
    await expect(appendBatch(handle.db, pieceId, { updates: noteUpdates(0, 2), ledger })).rejects.toThrow();
    expect((await loadPiece(handle.db, pieceId)).rows).toBe(0);
    expect(await stored(pieceId)).toEqual([]);
  });
});
