/**
 * Opening a piece the way the browser editor does, against the real collab server with real y-websocket
 * providers: the socket opened early and adopted (early-socket.ts), and `?provenance=later`
 * (provenance-later.ts): notes first, provenance after the first paint, and edits in between lose nothing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { WebSocket as NodeWebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import type { DbHandle } from "../../db";
import { createTestDb } from "../../db/test-db";
import { CloseCode } from "../../lib/collab-protocol";
import { docMaps, type Note } from "../../lib/doc-schema";
import {
  addGeneration,
  addPiece,
  addUser,
  connectClient,
  socketClass,
  startHarness,
  TEST_COOKIE,
  type Harness,
  type TestClient,
} from "../../server/collab/test-harness";
import type { SessionUser } from "../../server/services";
import { createEarlySockets, earlyOrNewWebSocket } from "./early-socket";
import { openTestEditor } from "./test-editor";

let handle: DbHandle;
let harness: Harness;
let alice: SessionUser, bob: SessionUser;
const cleanups: (() => void)[] = [];
const until = (fn: () => void) => vi.waitFor(fn, { timeout: 10_000, interval: 20 });

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

/** A `ws` socket class with alice's cookie that records the size of every message the server sends it. */
function recordingSocket(userId: string) {
  const received: number[][] = [];
  const Socket = class extends NodeWebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie: `${TEST_COOKIE}=${userId}` } });
      const sizes: number[] = [];
      received.push(sizes);
      this.on("message", (data: Buffer) => sizes.push(data.byteLength));
    }
  };
  return { Socket: Socket as unknown as typeof WebSocket, received };
}

function client(pieceId: string, user: SessionUser): TestClient {
  const c = connectClient(harness.url, pieceId, user.id);
  cleanups.push(() => c.destroy());
  return c;
}

const noteAt = (i: number): Note => ({ track: "melody", pitch: 60 + (i % 12), start: i * 240, duration: 240, velocity: 80 });

describe("a provider adopting the early socket", () => {
  it("gets the whole piece from the request sent before it existed, once, and then edits through it", async () => {
    const pieceId = await addPiece(handle.db, [[alice, "owner"], [bob, "editor"]]);
    const writer = client(pieceId, bob);
    await writer.synced;
    writer.doc.transact(() => Array.from({ length: 500 }, (_, i) => docMaps(writer.doc).notes.set(`n${i}`, noteAt(i))));
    const check = client(pieceId, bob);
    await until(() => expect(docMaps(check.doc).notes.size).toBe(500));

    const { Socket, received } = recordingSocket(alice.id);
    const url = `${harness.url}/${pieceId}`;
    const early = createEarlySockets();
    cleanups.push(early.open(url, Socket));
    // The reply to the early request arrives while nothing else exists yet (the editor's code still loading).
    await until(() => expect(received[0]?.some((bytes) => bytes > 10_000)).toBe(true));

    const doc = new Y.Doc();
    const provider = new WebsocketProvider(harness.url, pieceId, doc, { WebSocketPolyfill: earlyOrNewWebSocket(early, Socket), disableBc: true });
    cleanups.push(() => {
      provider.destroy();
      doc.destroy();
    });
    await until(() => expect(provider.synced).toBe(true));
    expect(docMaps(doc).notes.size).toBe(500);
    expect(received).toHaveLength(1); // the provider made no socket of its own

    // The adopted socket carries edits both ways, attributed to alice by the server.
    doc.transact(() => docMaps(doc).notes.set("from-alice", noteAt(600)));
    await until(() => expect(docMaps(check.doc).provenance.get("from-alice")).toMatchObject({ kind: "human", userId: alice.id }));
    writer.doc.transact(() => docMaps(writer.doc).notes.delete("n0"));
    await until(() => expect(docMaps(doc).notes.has("n0")).toBe(false));
    // One full copy of the piece came down: the provider's own sync request on adoption was not sent again.
    await new Promise((r) => setTimeout(r, 200));
    expect(received[0].filter((bytes) => bytes > 10_000)).toHaveLength(1);
  });

  it("reconnects on a new socket after the adopted one closes", async () => {
    const pieceId = await addPiece(handle.db, [[alice, "owner"], [bob, "editor"]]);
    const { Socket, received } = recordingSocket(alice.id);
    const early = createEarlySockets();
    cleanups.push(early.open(`${harness.url}/${pieceId}`, Socket));
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(harness.url, pieceId, doc, { WebSocketPolyfill: earlyOrNewWebSocket(early, Socket), disableBc: true, maxBackoffTime: 100 });
    cleanups.push(() => {
      provider.destroy();
      doc.destroy();
    });
    await until(() => expect(provider.synced).toBe(true));
    provider.disconnect();
    provider.connect();
    await until(() => expect(provider.synced).toBe(true));
    expect(received).toHaveLength(2);
    doc.transact(() => docMaps(doc).notes.set("after-reconnect", noteAt(1)));
    const other = client(pieceId, bob);
    await until(() => expect(docMaps(other.doc).notes.has("after-reconnect")).toBe(true));
  });

  it("hands the server's refusal of a non-member to the provider, which stops", async () => {
    const pieceId = await addPiece(handle.db, [[bob, "owner"]]);
    const { Socket } = recordingSocket(alice.id);
    const early = createEarlySockets();
    cleanups.push(early.open(`${harness.url}/${pieceId}`, Socket));
    await new Promise((r) => setTimeout(r, 300)); // refused before the provider exists
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(harness.url, pieceId, doc, { WebSocketPolyfill: earlyOrNewWebSocket(early, Socket), disableBc: true });
    cleanups.push(() => {
      provider.destroy();
      doc.destroy();
    });
    const closed = await new Promise<{ code: number }>((resolve) => provider.on("closed", resolve));
    expect(closed.code).toBe(CloseCode.forbidden);
    expect(early.claim(`${harness.url}/${pieceId}`)).toBeNull();
  });
});

/** The browser editor's provider in Node: `?provenance=later`, and a paint the test triggers. */
function editor(pieceId: string, user: SessionUser) {
  const e = openTestEditor(harness.url, pieceId, user.id);
  cleanups.push(e.destroy);
  return e;
}

/** A piece with 30 notes bob wrote (attributed by the server) and 2 accepted from the model. */
async function seeded(): Promise<string> {
  const pieceId = await addPiece(handle.db, [[alice, "owner"], [bob, "editor"]]);
  const writer = client(pieceId, bob);
  await writer.synced;
  writer.doc.transact(() => Array.from({ length: 30 }, (_, i) => docMaps(writer.doc).notes.set(`n${i}`, noteAt(i))));
  const generationId = await addGeneration(handle.db, pieceId, alice);
  const by = { model: "tiny", version: "1", generationId, userId: alice.id, userName: alice.name };
  await harness.collab.acceptNotes(pieceId, [noteAt(40), noteAt(41)], by);
  await until(() => expect(docMaps(writer.doc).provenance.size).toBe(32));
  return pieceId;
}

describe("opening with ?provenance=later", () => {
  it("gets the notes first, and their provenance once the notes are painted", async () => {
    const pieceId = await seeded();
    const { doc, provider, paint } = editor(pieceId, alice);
    await until(() => expect(provider.synced).toBe(true));
    expect(docMaps(doc).notes.size).toBe(32);
    expect(docMaps(doc).provenance.size).toBe(0);

    paint();
    await until(() => expect(docMaps(doc).provenance.size).toBe(32));
    expect(docMaps(doc).provenance.get("n0")).toEqual({ kind: "human", userId: bob.id });
    expect([...docMaps(doc).provenance.values()].filter((p) => p.kind === "model")).toHaveLength(2);
    const everything = client(pieceId, bob);
    await everything.synced;
    for (const name of ["meta", "tracks", "notes", "provenance"]) expect(doc.getMap(name).toJSON()).toEqual(everything.doc.getMap(name).toJSON());
  });

  it("shows a collaborator's edit made before the provenance came at once, and credits it when the provenance comes", async () => {
    const pieceId = await seeded();
    const { doc, provider, paint } = editor(pieceId, alice);
    await until(() => expect(provider.synced).toBe(true));
    const bobs = client(pieceId, bob);
    await bobs.synced;
    bobs.doc.transact(() => docMaps(bobs.doc).notes.set("late", noteAt(50)));
    await until(() => expect(docMaps(doc).notes.get("late")).toEqual(noteAt(50)));
    expect(docMaps(doc).provenance.size).toBe(0); // its provenance waits for the rest of the writer's entries

    paint();
    await until(() => expect(docMaps(doc).provenance.get("late")).toEqual({ kind: "human", userId: bob.id }));
    expect(docMaps(doc).provenance.size).toBe(33);
    // Alice's own edits are attributed as ever.
    doc.transact(() => docMaps(doc).notes.set("hers", noteAt(60)));
    await until(() => expect(docMaps(bobs.doc).provenance.get("hers")).toMatchObject({ userId: alice.id }));
    await until(() => expect(docMaps(doc).provenance.get("hers")).toMatchObject({ userId: alice.id }));
  });

  it("changes nothing for a client that does not ask: the provenance comes with the first sync", async () => {
    const pieceId = await seeded();
    const plain = client(pieceId, alice);
    await plain.synced;
    expect(docMaps(plain.doc).provenance.size).toBe(32);
  });
});
