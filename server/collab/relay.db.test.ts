/**
 * Several app processes serving the same pieces through Redis (relay.ts), against this machine's Redis: each
 * "process" here is a collab server with its own relay over the one database, with real y-websocket clients.
 * Edits and presence cross processes; each edit is attributed and written once, by the process that received it;
 * the ledger replays to the document; a process that opens the piece later sees every edit, saved or not yet.
 */
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";
import * as Y from "yjs";
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
async function startProcess(persistDebounceMs = 50, relay = createRelay({ redisUrl: REDIS_URL, log: quietLog })) {
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
/** A client of a process that died (`held`, closed here), connecting to another with everything its document held. */
const reconnect = (p: { harness: Harness }, pieceId: string, user: SessionUser, held: TestClient) => {
  const state = Y.encodeStateAsUpdate(held.doc);
  held.destroy();
  const c = connect(p, pieceId, user);
  Y.applyUpdate(c.doc, state); // before its socket opens: its sync step 2 carries it all
  return c;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A relay whose pieces publish nothing between stall() and open(): a process about to die, its updates never in Redis. */
function stallingRelay(): { relay: Relay; stall(): void; open(): void } {
  const real = createRelay({ redisUrl: REDIS_URL, log: quietLog });
  let gate: Promise<void> | null = null;
  let open = () => {};
  const join: Relay["join"] = async (...args) => {
    const piece = await real.join(...args);
    return { ...piece, publish: async (update, ledger) => (await gate, piece.publish(update, ledger)) };
  };
  const stall = () => void (gate = new Promise<void>((resolve) => (open = resolve)));
  return { relay: { ...real, join }, stall, open: () => open() };
}

/** A relay that hands the stream's entries to its pieces `ms` late: a reader behind the stream. */
function laggingRelay(ms: number): Relay {
  const real = createRelay({ redisUrl: REDIS_URL, log: quietLog });
  const late = <A extends unknown[]>(fn: ((...a: A) => void) | undefined) => (...a: A) => void setTimeout(() => fn?.(...a), ms);
  const join: Relay["join"] = (pieceId, handlers, after) =>
    real.join(pieceId, { ...handlers, onUpdates: late(handlers.onUpdates), onEntry: late(handlers.onEntry) }, after);
  return { ...real, join };
}

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

it("sends a change to clients once the stream holds it, so the clients of a process that died agree again elsewhere", async () => {
  const survivor = await startProcess();
  const stalling = stallingRelay();
  const doomed = await startProcess(50, stalling.relay);
  const pieceId = await addPiece(handle.db, [[ann, "owner"], [bob, "editor"]]);
  const [a, b] = [connect(doomed, pieceId, ann), connect(doomed, pieceId, bob)];
  await Promise.all([a.synced, b.synced]);
  stalling.stall();
  docMaps(a.doc).notes.set("n1", note(60));
  docMaps(b.doc).notes.set("n2", note(64, 480));
  await sleep(300);
  // Neither reached Redis, so neither was sent on: a change that dies with its process dies everywhere but its author's.
  expect([notesOf(a), notesOf(b)]).toEqual([[60], [64]]);

  // The process dies; its clients come back through the other with what they hold, and bring their own edits.
  const [a2, b2] = [reconnect(survivor, pieceId, ann, a), reconnect(survivor, pieceId, bob, b)];
  await until(() => expect([notesOf(a2), notesOf(b2)]).toEqual([[60, 64], [60, 64]]));
  await survivor.harness.collab.flushAll();
  const rows = await readLedgerRows(handle.db, pieceId);
  expect(rows.map((r) => [r.noteId, r.actorName]).sort()).toEqual([["n1", "Ann"], ["n2", "Bob"]]);
  expect(checkConsistency(rows, readNotes(await storedDoc(handle.db, pieceId)))).toMatchObject({ ok: true });
  stalling.open(); // lets the dead process's updates through at last: no-ops where they land
  await stopProcess(doomed);
});

it("shows its clients another process's edit at once, while its own client's edit still waits for the stream", async () => {
  const one = await startProcess();
  const stalling = stallingRelay();
  const two = await startProcess(50, stalling.relay);
  const pieceId = await addPiece(handle.db, [[ann, "owner"], [bob, "editor"], [cy, "editor"]]);
  const a = connect(one, pieceId, ann);
  const [b, c] = [connect(two, pieceId, bob), connect(two, pieceId, cy)];
  await Promise.all([a.synced, b.synced, c.synced]);
  stalling.stall();
  docMaps(b.doc).notes.set("n1", note(60)); // on its way to the stream, held up there
  await sleep(100);
  docMaps(a.doc).notes.set("n2", note(64, 480)); // in the stream already: nothing of process two's waits on it
  await until(() => expect(notesOf(c)).toEqual([64]));
  expect(notesOf(a)).toEqual([64]); // Bob's note is shown nowhere until the stream holds it
  stalling.open();
  await until(() => expect([notesOf(a), notesOf(c)]).toEqual([[60, 64], [60, 64]]));
});

it("reads the stream for a reconnecting client's update that builds on entries it has not read, rather than refuse it or credit them to the sender", async () => {
  const one = await startProcess();
  const behind = await startProcess(50, laggingRelay(3000));
  const pieceId = await addPiece(handle.db, [[ann, "owner"], [bob, "editor"], [cy, "editor"]]);
  const c = connect(behind, pieceId, cy); // keeps the piece open there, following the stream 3 s late
  const [a, b] = [connect(one, pieceId, ann), connect(one, pieceId, bob)];
  await Promise.all([a.synced, b.synced, c.synced]);
  docMaps(a.doc).notes.set("n1", note(60));
  await until(() => expect(notesOf(b)).toEqual([60])); // in the stream, and at Bob's

  // Bob moves to the process that has not read Ann's note yet; his copy holds it, under Ann's client id.
  const b2 = reconnect(behind, pieceId, bob, b);
  const closed = await Promise.race([b2.closed, b2.synced.then(() => sleep(500)).then(() => null)]);
  expect(closed).toBeNull(); // not refused: taken once the stream was read
  docMaps(b2.doc).notes.set("n2", note(64, 480));
  await vi.waitFor(() => expect(notesOf(a)).toEqual([60, 64]), { timeout: 2000, interval: 20 });
  expect(notesOf(c)).toEqual([60, 64]);
  // Ann's note stays hers: her client id was not taken for Bob's, though his update carried it first.
  await Promise.all([one.harness.collab.flushAll(), behind.harness.collab.flushAll()]);
  const rows = await readLedgerRows(handle.db, pieceId);
  expect(rows.map((r) => [r.noteId, r.action, r.actorName]).sort()).toEqual([["n1", "create", "Ann"], ["n2", "create", "Bob"]]);
});

it("compacts a piece on one process at a time: the lease", async () => {
  const [one, two] = [await startProcess(), await startProcess()];
  expect(await one.relay.lease("p-x", "compact", 5_000)).toBe(true);
  expect(await two.relay.lease("p-x", "compact", 5_000)).toBe(false);
  expect(await one.relay.lease("p-x", "compact", 5_000)).toBe(true); // renewed by its holder
});
