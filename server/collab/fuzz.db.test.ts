/**
 * Seeded fuzz of the collab server (issue 12): 10,000 messages, ordinary edits and mutated or forged ones, from an
 * owner's, an editor's, a viewer's and a reviewer's sockets, in batches of one socket each. After every batch: the
 * server still answers, replaying the ledger gives the document, every note's provenance names its ledger author, and
 * every new ledger row names the user of the socket that sent the batch (none at all for a viewer or a reviewer).
 * FUZZ_SEED picks another run; a failure prints the seed and the batch.
 */
import { and, asc, eq, gt } from "drizzle-orm";
import * as prng from "lib0/prng";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import * as Y from "yjs";
import type { DbHandle } from "../../db";
import { MessageType } from "../../lib/collab-protocol";
import type { MemberRole } from "../../db/schema/pieces";
import { noteLedger } from "../../db/schema/authorship";
import { createTestDb } from "../../db/test-db";
import { docMaps, readNotes, type Note } from "../../lib/doc-schema";
import { checkConsistency } from "../authorship/consistency";
import { readLedger, type LedgerRow } from "../authorship/ledger";
import type { ReportLedgerRow } from "../../lib/authorship/report-types";
import type { SessionUser } from "../services";
import { encodeSyncStep1, encodeUpdate } from "./protocol";
import { addPiece, addUser, openRawSocket, startHarness, type Harness } from "./test-harness";

const SEED = Number(process.env.FUZZ_SEED ?? 20261205);
const MESSAGES = 10_000;
const BATCH = 50;

interface Actor {
  user: SessionUser;
  role: MemberRole;
  clientID: number;
  ws: WebSocket | null;
  replies: number;
  /** Notes this actor deleted, for restorations (same content) and re-creations (other content). */
  deleted: [string, Note][];
  /** The actor's last replica of the document (replicaFor). */
  replica: Y.Doc | null;
}

let handle: DbHandle;
let harness: Harness;

beforeAll(async () => {
  handle = await createTestDb();
  harness = await startHarness(handle.db, { persistDebounceMs: 20 });
});
afterAll(async () => {
  await harness?.close();
  await handle?.close();
});

const gen = prng.create(SEED);
const int = (min: number, max: number) => prng.int32(gen, min, max);
const chance = (p: number) => prng.real53(gen) < p;
const randomNote = (): Note => ({ track: prng.oneOf(gen, ["melody", "chords", "bass", "drums"]), pitch: int(0, 127), start: int(0, 64) * 120, duration: int(1, 16) * 120, velocity: int(1, 127) });

async function open(pieceId: string, a: Actor): Promise<WebSocket> {
  if (a.ws && a.ws.readyState === WebSocket.OPEN) return a.ws;
  const ws = await openRawSocket(harness.url, pieceId, a.user.id);
  ws.on("message", (data: Buffer) => {
    if (data[0] === 0 && data[1] === 1) a.replies++; // a sync step 2: the answer to our sync step 1
  });
  a.ws = ws;
  return ws;
}

/**
 * Resolves once the server has handled everything sent on the socket before (or the socket has closed). The sync step 1
 * carries the replica's state vector, so the answer is the little the replica lacks, not the whole document.
 */
function drained(a: Actor): Promise<void> {
  const ws = a.ws;
  if (!ws || ws.readyState !== WebSocket.OPEN) return Promise.resolve();
  const want = a.replies + 1;
  return new Promise((resolve) => {
    const done = () => {
      ws.off("message", check);
      ws.off("close", done);
      resolve();
    };
    const check = () => a.replies >= want && done();
    ws.on("message", check);
    ws.on("close", done);
    ws.send(encodeSyncStep1(a.replica ?? new Y.Doc()));
  });
}

/**
 * A replica of the server's document that writes as the actor's own client id. The actor's last replica is given what
 * it lacks, and kept where that makes it the server's document (the same state vector and deleted items: it held
 * nothing the server refused or dropped); else a whole copy is made. Junk bytes, text frames and forgeries made on
 * another doc leave the replica as the server has it, so about half the replicas are kept; a copy decodes the whole
 * document (a third of the run when each batch and each closed socket made one).
 */
async function replicaFor(pieceId: string, a: Actor): Promise<Y.Doc> {
  const old = a.replica;
  if (old) {
    const sv = Y.encodeStateVector(old);
    const { missing, server } = await harness.collab.readDoc(pieceId, (doc) => ({ missing: Y.encodeStateAsUpdate(doc, sv), server: Y.snapshot(doc) }));
    Y.applyUpdate(old, missing);
    // Yjs gives a doc a new client id when an update writes under its own: then it is not the actor's replica either.
    if (old.clientID === a.clientID && Y.equalSnapshots(Y.snapshot(old), server)) return old;
  }
  const d = new Y.Doc();
  Y.applyUpdate(d, await harness.collab.readDoc(pieceId, (doc) => Y.encodeStateAsUpdate(doc)));
  d.clientID = a.clientID;
  a.replica = d;
  return d;
}

/** One edit made on the replica, as the update message it sends. */
function edit(replica: Y.Doc, a: Actor, fn: (maps: ReturnType<typeof docMaps>) => void): Uint8Array {
  const sv = Y.encodeStateVector(replica);
  replica.transact(() => fn(docMaps(replica)));
  return encodeUpdate(Y.encodeStateAsUpdate(replica, sv));
}

function ordinaryEdit(replica: Y.Doc, a: Actor): Uint8Array {
  const ids = [...docMaps(replica).notes.keys()];
  const pick = int(0, 9);
  return edit(replica, a, (m) => {
    if (pick <= 2 || ids.length === 0) m.notes.set(`${a.role[0]}${int(0, 1e9)}`, randomNote());
    else if (pick <= 4) {
      const id = prng.oneOf(gen, ids);
      m.notes.set(id, { ...m.notes.get(id)!, pitch: int(0, 127), start: int(0, 64) * 120 });
    } else if (pick === 5) {
      const id = prng.oneOf(gen, ids);
      a.deleted.push([id, m.notes.get(id)!]);
      m.notes.delete(id);
    } else if (pick === 6 && a.deleted.length > 0) {
      const [id, note] = a.deleted.splice(int(0, a.deleted.length - 1), 1)[0];
      m.notes.set(id, chance(0.5) ? note : randomNote()); // an undo, or the same id with other content
    } else if (pick === 7) m.meta.set("bpm", chance(0.8) ? int(40, 200) : int(-5, 5000));
    else if (pick === 8) m.notes.set(`${a.role[0]}${int(0, 1e9)}`, { ...randomNote(), pitch: int(-50, 400) });
    else m.notes.set(`${a.role[0]}${int(0, 1e9)}`, { track: "melody", pitch: "C4" } as unknown as Note);
  });
}

/** A message no honest client sends: mutated bytes, another's client id, a gap, junk types, oversized writes. */
function hostileMessage(replica: Y.Doc, a: Actor, victims: Actor[]): Uint8Array | string {
  const kind = int(0, 8);
  if (kind === 0) {
    const m = ordinaryEdit(replica, a).slice();
    for (let i = int(1, 4); i > 0; i--) m[int(0, m.length - 1)] = int(0, 255);
    return m;
  }
  if (kind === 1) return ordinaryEdit(replica, a).slice(0, int(1, 20));
  if (kind === 2) return prng.uint8Array(gen, int(1, 200));
  if (kind === 3 && victims.length > 0) {
    const victim = prng.oneOf(gen, victims);
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(replica));
    forged.clientID = victim.clientID;
    const sv = Y.encodeStateVector(forged);
    docMaps(forged).notes.set(`forged${int(0, 1e9)}`, randomNote());
    return encodeUpdate(Y.encodeStateAsUpdate(forged, sv));
  }
  if (kind === 4) {
    ordinaryEdit(replica, a); // made but never sent: the next one has a gap
    return ordinaryEdit(replica, a);
  }
  if (kind === 5) return edit(replica, a, () => replica.getText(`junk${int(0, 9)}`).insert(0, "x".repeat(int(1, 5000))));
  if (kind === 6) return "not a binary frame";
  if (kind === 7) return new Uint8Array([MessageType.awareness, ...prng.uint8Array(gen, int(1, 40))]); // awareness junk
  return edit(replica, a, (m) => {
    for (let i = 0; i < 2_100; i++) m.notes.set(`big${i}`, randomNote());
  });
}

/**
 * The ledger as read so far: each batch reads only the rows after it (reading all of it each time was a tenth of the
 * run); the end of the run reads it whole again and compares, so a row changed or added behind them is still caught.
 */
const ledger: LedgerRow[] = [];

async function checkBatch(pieceId: string, a: Actor, lastSeq: number, batch: number): Promise<number> {
  await harness.collab.flushAll();
  const fresh = await handle.db.select().from(noteLedger).where(and(eq(noteLedger.pieceId, pieceId), gt(noteLedger.seq, lastSeq))).orderBy(asc(noteLedger.seq));
  ledger.push(...fresh);
  const rows = ledger;
  const where = `seed ${SEED}, batch ${batch} (${a.role})`;
  if (a.role === "viewer" || a.role === "reviewer") expect(fresh, where).toEqual([]);
  for (const r of fresh) expect(r.actorId, where).toBe(a.user.id);
  const { notes, provenance } = await harness.collab.readDoc(pieceId, (d) => ({ notes: readNotes(d), provenance: new Map(docMaps(d).provenance.entries()) }));
  const report = checkConsistency(rows as unknown as ReportLedgerRow[], notes);
  expect(report.drift, where).toEqual([]);
  expect(report.brokenChain, where).toEqual([]);
  const author = new Map<string, string>();
  for (const r of rows) if (r.action === "create" && !author.has(r.noteId)) author.set(r.noteId, r.actorId);
  // One expect over all the notes (one a note took 3 of the run's 45 s); each provenance goes with its note's id.
  const actual = notes.map((n) => ({ note: n.id, provenance: provenance.get(n.id) }));
  expect(actual, where).toMatchObject(notes.map((n) => ({ note: n.id, provenance: { kind: "human", userId: author.get(n.id) } })));
  return rows.at(-1)?.seq ?? lastSeq;
}

describe("collab server under fuzzed messages", () => {
  it(`stays up and keeps ledger, document and provenance in step (${MESSAGES} messages, seed ${SEED})`, async () => {
    const roles: [string, MemberRole][] = [["Olive", "owner"], ["Eddie", "editor"], ["Vic", "viewer"], ["Rita", "reviewer"]];
    const users = await Promise.all(roles.map(([name]) => addUser(handle.db, name)));
    const actors: Actor[] = users.map((user, i) => ({ user, role: roles[i][1], clientID: 1000 + i, ws: null, replies: 0, deleted: [], replica: null }));
    const pieceId = await addPiece(handle.db, actors.map((a) => [a.user, a.role]));
    const writers = actors.filter((a) => a.role === "owner" || a.role === "editor");
    let sent = 0;
    // Each writer's client id is bound by a first honest edit: only after that is writing under it a forgery.
    for (const a of writers) {
      (await open(pieceId, a)).send(ordinaryEdit(await replicaFor(pieceId, a), a));
      await drained(a);
      sent++;
    }
    await harness.collab.flushAll();
    ledger.push(...(await readLedger(handle.db, pieceId)));
    let lastSeq = ledger.at(-1)?.seq ?? 0;
    let closes = 0;
    for (let batch = 0; sent < MESSAGES; batch++) {
      const a = actors[batch % 5 === 4 ? int(2, 3) : int(0, 1)]; // writers most of the time
      let replica = await replicaFor(pieceId, a);
      for (let i = 0; i < BATCH && sent < MESSAGES; i++, sent++) {
        const ws = await open(pieceId, a);
        const hostile = chance(0.15);
        ws.send(hostile ? hostileMessage(replica, a, writers.filter((o) => o !== a)) : ordinaryEdit(replica, a));
        if (hostile) await drained(a); // honest edits stream on; after a hostile one, see whether the socket survived
        if (ws.readyState !== WebSocket.OPEN) {
          closes++;
          replica = await replicaFor(pieceId, a); // what the server kept, after the refused message
        }
      }
      await drained(a);
      lastSeq = await checkBatch(pieceId, a, lastSeq, batch);
    }
    expect(closes).toBeGreaterThan(100); // the hostile messages were heard, and refused
    expect(await readLedger(handle.db, pieceId)).toEqual(ledger);
    for (const a of actors) a.ws?.close();
  }, 600_000);
});
