/**
 * Several app processes serving the same pieces through Redis (relay.ts), against this machine's Redis: each
 * "process" here is a collab server with its own relay over the one database, with real y-websocket clients.
 * Edits and presence cross processes; each edit is attributed and written once, by the process that received it;
 * the ledger replays to the document; a process that opens the piece later sees every edit, saved or not yet.
 */
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";
import type { DbHandle } from "../../db";
import { createTestDb } from "../../db/test-db";
import { docMaps, readNotes, type Note } from "../../lib/doc-schema";
import { checkConsistency } from "../authorship/consistency";
import { readLedgerRows } from "../authorship/load-report";
import { redisConnection } from "../redis";
import type { SessionUser } from "../services";
import { createRelay, type Relay } from "./relay";
import { SAVE_LEASE_MS } from "./stream-saves";
import { addPiece, addUser, connectClient, quietLog, startHarness, storedDoc, type Harness, type TestClient } from "./test-harness";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `tandem-test-${randomUUID().slice(0, 8)}`;
process.env.TANDEM_REDIS_PREFIX = prefix;

const note = (pitch: number, start = 0): Note => ({ track: "melody", pitch, start, duration: 480, velocity: 90 });
const until = (fn: () => unknown) => vi.waitFor(fn, { timeout: 5000, interval: 20 });

let handle: DbHandle;
let ann: SessionUser, bob: SessionUser, cy: SessionUser;
const processes: { harness: Harness; relay: Relay }[] = [];
let clients: TestClient[] = [];

/** One app process: its own collab server and relay (its own process id) over the shared database. */
async function startProcess(persistDebounceMs = 50) {
  const relay = createRelay({ redisUrl: REDIS_URL, log: quietLog });
  const harness = await startHarness(handle.db, { relay, persistDebounceMs });
  const p = { harness, relay };
  processes.push(p);
  return p;
}
async function stopProcess(p: { harness: Harness; relay: Relay }) {
  processes.splice(processes.indexOf(p), 1);
  await p.harness.close();
  await p.relay.close();
}
const connect = (p: { harness: Harness }, pieceId: string, user: SessionUser) => {
  const c = connectClient(p.harness.url, pieceId, user.id);
  clients.push(c);
  return c;
};
const notesOf = (c: TestClient) => [...docMaps(c.doc).notes.values()].map((n) => n.pitch).sort();

beforeAll(async () => {
  handle = await createTestDb();
  [ann, bob, cy] = await Promise.all(["Ann", "Bob", "Cy"].map((n) => addUser(handle.db, n)));
});
afterEach(() => {
  clients.forEach((c) => c.destroy());
  clients = [];
});
afterAll(async () => {
  for (const p of [...processes]) await stopProcess(p);
  await handle?.close();
  const redis = redisConnection(REDIS_URL);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

it("edits and presence cross processes; each edit is attributed and written once, and the ledger replays to the document", async () => {
  const [one, two] = [await startProcess(), await startProcess()];
  const pieceId = await addPiece(handle.db, [[ann, "owner"], [bob, "editor"]]);
  const a = connect(one, pieceId, ann);
  const b = connect(two, pieceId, bob);
  await Promise.all([a.synced, b.synced]);

  docMaps(a.doc).notes.set("n1", note(60));
  await until(() => expect(notesOf(b)).toEqual([60]));
  docMaps(b.doc).notes.set("n2", note(64, 480));
  docMaps(b.doc).notes.set("n1", note(62)); // Bob moves Ann's note
  await until(() => expect(notesOf(a)).toEqual([62, 64]));

  // Who wrote what: provenance written by the process that received each edit, seen by both.
  await until(() => expect(docMaps(a.doc).provenance.get("n2")).toMatchObject({ kind: "human", userId: bob.id }));
  expect(docMaps(b.doc).provenance.get("n1")).toMatchObject({ kind: "human", userId: ann.id });

  a.provider.awareness.setLocalStateField("user", { name: "Ann" });
  await until(() => expect([...b.provider.awareness.getStates().values()].map((s) => s.user?.name)).toContain("Ann"));

  await Promise.all([one.harness.collab.flushAll(), two.harness.collab.flushAll()]);
  const rows = await readLedgerRows(handle.db, pieceId);
  expect(rows.map((r) => [r.noteId, r.action, r.actorName])).toEqual([
    ["n1", "create", "Ann"],
    ["n2", "create", "Bob"],
    ["n1", "update", "Bob"],
  ]);
  const stored = readNotes(await storedDoc(handle.db, pieceId));
  expect(checkConsistency(rows, stored)).toMatchObject({ ok: true });
  expect(stored.map((n) => n.pitch).sort()).toEqual([62, 64]);
});

it("a process that opens the piece later sees every edit, those not yet saved included", async () => {
  const slow = await startProcess(10_000); // keeps what it receives unsaved for 10 s
  const pieceId = await addPiece(handle.db, [[ann, "owner"], [cy, "editor"]]);
  const a = connect(slow, pieceId, ann);
  await a.synced;
  docMaps(a.doc).notes.set("late", note(67));
  await until(() => expect(slow.harness.collab.readDoc(pieceId, (d) => docMaps(d).notes.has("late"))).resolves.toBe(true));
  expect(readNotes(await storedDoc(handle.db, pieceId))).toEqual([]); // not in the database yet

  const later = await startProcess();
  const c = connect(later, pieceId, cy);
  await c.synced;
  expect(notesOf(c)).toEqual([67]);
  // And it follows from there on, both ways.
  docMaps(c.doc).notes.set("more", note(69));
  await until(() => expect(notesOf(a)).toEqual([67, 69]));
  await slow.harness.collab.flushAll();
  await later.harness.collab.flushAll();
  const rows = await readLedgerRows(handle.db, pieceId);
  // Each process writes on its own schedule: the rows' order is the order they were saved in.
  expect(rows.map((r) => [r.noteId, r.actorName]).sort()).toEqual([
    ["late", "Ann"],
    ["more", "Cy"],
  ]);
});

it("saves through the stream once the save lease of a process that died lapses, and credits each edit once", async () => {
  const [one] = [await startProcess()];
  const pieceId = await addPiece(handle.db, [[ann, "owner"]]);
  const dead = createRelay({ redisUrl: REDIS_URL, log: quietLog }); // took the lease, then stopped answering
  expect(await dead.lease(pieceId, "save", SAVE_LEASE_MS)).toBe(true);
  const a = connect(one, pieceId, ann);
  await a.synced;
  docMaps(a.doc).notes.set("waits", note(65));
  await until(() => expect(one.harness.collab.readDoc(pieceId, (d) => docMaps(d).notes.has("waits"))).resolves.toBe(true));
  await new Promise((r) => setTimeout(r, 500));
  expect(readNotes(await storedDoc(handle.db, pieceId))).toEqual([]); // the lease is not this process's yet

  await vi.waitFor(async () => expect(readNotes(await storedDoc(handle.db, pieceId)).map((n) => n.pitch)).toEqual([65]), { timeout: SAVE_LEASE_MS + 3000, interval: 100 });
  expect((await readLedgerRows(handle.db, pieceId)).map((r) => [r.noteId, r.actorName])).toEqual([["waits", "Ann"]]);
  await dead.close();
});

it("compacts a piece on one process at a time: the lease", async () => {
  const [one, two] = [await startProcess(), await startProcess()];
  expect(await one.relay.lease("p-x", "compact", 5_000)).toBe(true);
  expect(await two.relay.lease("p-x", "compact", 5_000)).toBe(false);
  expect(await one.relay.lease("p-x", "compact", 5_000)).toBe(true); // renewed by its holder
});
