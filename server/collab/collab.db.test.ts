import { describe, expect, it, vi } from "vitest";
import { docMaps, readNotes, type GenerationView, type Note } from "../../lib/doc-schema";
import { readLedger } from "../authorship/ledger";
import type { SessionUser } from "../services";
import { CloseCode, MessageType, SyncStep } from "../../lib/collab-protocol";
import { WebSocket } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { encodeAwareness, encodeSyncStep2, encodeUpdate } from "./protocol";
import { PieceNotFoundError } from "./persistence";
import { addGeneration, closeCodeFor, newUser, openRawSocket, startHarness, TEST_COOKIE, until, withPiece } from "./test-harness";

const note: Note = { track: "melody", pitch: 60, start: 0, duration: 480, velocity: 90 };

const alice = newUser("Alice"), bob = newUser("Bob"), vera = newUser("Vera"), mallory = newUser("Mallory");
const suite = withPiece([[alice, "owner"], [bob, "editor"], [vera, "viewer"]], { outsiders: [mallory] });
const { connect, newPiece } = suite;

describe("collab server", () => {
  it("syncs two clients and initialises a new piece", async () => {
    const pieceId = await newPiece();
    const a = connect(pieceId, alice);
    const b = connect(pieceId, bob);
    await Promise.all([a.synced, b.synced]);
    expect(docMaps(a.doc).tracks.size).toBeGreaterThan(0);
    docMaps(a.doc).notes.set("n1", note);
    await until(() => expect(docMaps(b.doc).notes.get("n1")).toEqual(note));
    docMaps(b.doc).notes.set("n2", { ...note, pitch: 64 });
    await until(() => expect(readNotes(a.doc).map((n) => n.id).sort()).toEqual(["n1", "n2"]));
    await until(() => expect(docMaps(a.doc).provenance.get("n2")).toEqual({ kind: "human", userId: bob.id }));
  });

  it("refuses sockets without a session, and people who are not members", async () => {
    const pieceId = await newPiece();
    expect(await closeCodeFor(suite.harness.url, pieceId, null)).toBe(CloseCode.unauthenticated);
    expect(await closeCodeFor(suite.harness.url, pieceId, "u-nobody")).toBe(CloseCode.unauthenticated);
    expect(await closeCodeFor(suite.harness.url, pieceId, mallory.id)).toBe(CloseCode.forbidden);
    expect(await closeCodeFor(suite.harness.url, "no-such-piece", alice.id)).toBe(CloseCode.forbidden);
    const c = connect(pieceId, mallory);
    await until(() => expect(c.provider.shouldConnect).toBe(false)); // y-websocket gives up on 44xx
    expect(c.provider.synced).toBe(false);
  });

  it("answers upgrades outside /collab/<pieceId> with HTTP 404", async () => {
    const base = suite.harness.url.replace(/\/collab$/, "");
    for (const path of ["/collab", "/collab/", "/other/p1", "/collab/a%2Fb", "/collab/p1/extra"]) {
      const ws = new WebSocket(base + path, { headers: { cookie: `${TEST_COOKIE}=${alice.id}` } });
      ws.on("error", () => {});
      const status = await new Promise<number | undefined>((resolve) => ws.on("unexpected-response", (_req, res) => resolve(res.statusCode)));
      expect(status, path).toBe(404);
    }
  });

  it("lets a viewer watch and show presence, but not change the piece", async () => {
    const pieceId = await newPiece();
    const a = connect(pieceId, alice);
    const v = connect(pieceId, vera);
    await Promise.all([a.synced, v.synced]);
    docMaps(a.doc).notes.set("n1", note);
    await until(() => expect(docMaps(v.doc).notes.has("n1")).toBe(true));
    docMaps(v.doc).notes.set("v1", note);
    docMaps(v.doc).notes.delete("n1");
    v.provider.awareness.setLocalStateField("user", { name: "Vera" });
    await until(() => expect([...a.provider.awareness.getStates().values()]).toContainEqual({ user: { name: "Vera" } }));
    await suite.collab.flushAll();
    const notes = await suite.collab.readDoc(pieceId, (d) => readNotes(d).map((n) => n.id));
    expect(notes).toEqual(["n1"]);
    expect(docMaps(a.doc).notes.has("v1")).toBe(false);
    expect((await readLedger(suite.db, pieceId)).every((r) => r.actorId === alice.id)).toBe(true);
  });

  it("answers each document message of a socket that asks (?acks=1), in order: applied, or dropped for a viewer", async () => {
    const pieceId = await newPiece();
    const send = async (user: SessionUser, query: string, messages: Uint8Array[]) => {
      const raw = await openRawSocket(suite.harness.url, `${pieceId}${query}`, user.id);
      const answers: number[][] = [];
      raw.on("message", (data: Buffer) => data[0] === MessageType.syncStatus && answers.push([...data]));
      messages.forEach((m) => raw.send(m));
      return { raw, answers };
    };
    const edit = (id: string) => {
      const d = new Y.Doc();
      docMaps(d).notes.set(id, note);
      return d;
    };
    const owner = await send(alice, "?acks=1", [encodeUpdate(Y.encodeStateAsUpdate(edit("a1"))), encodeSyncStep2(edit("a2"))]);
    await until(() => expect(owner.answers).toEqual([[MessageType.syncStatus, 1], [MessageType.syncStatus, 1]]));
    const viewer = await send(vera, "?provenance=later&acks=1", [encodeUpdate(Y.encodeStateAsUpdate(edit("v1")))]);
    await until(() => expect(viewer.answers).toEqual([[MessageType.syncStatus, 0]]));
    const plain = await send(bob, "", [encodeUpdate(Y.encodeStateAsUpdate(edit("b1")))]);
    await until(() => expect(suite.collab.readDoc(pieceId, (d) => docMaps(d).notes.has("b1"))).resolves.toBe(true));
    await new Promise((r) => setTimeout(r, 100));
    expect(plain.answers).toEqual([]); // a client that did not ask never sees the message
    expect(await suite.collab.readDoc(pieceId, (d) => [...docMaps(d).notes.keys()].sort())).toEqual(["a1", "a2", "b1"]);
    [owner, viewer, plain].forEach(({ raw }) => raw.close());
  });

  it("does not let one socket speak for another's presence", async () => {
    const pieceId = await newPiece();
    const a = connect(pieceId, alice);
    const b = connect(pieceId, bob);
    await Promise.all([a.synced, b.synced]);
    a.provider.awareness.setLocalStateField("user", { name: "Alice" });
    await until(() => expect(b.provider.awareness.getStates().get(a.doc.clientID)).toEqual({ user: { name: "Alice" } }));
    // Bob's socket sends an awareness update in Alice's client id, claiming to be her and then leaving.
    const forged = new awarenessProtocol.Awareness(new Y.Doc());
    forged.clientID = a.doc.clientID;
    for (let i = 0; i < 5; i++) forged.setLocalState({ user: { name: "Alice (forged)" } }); // a clock ahead of hers
    const raw = await openRawSocket(suite.harness.url, pieceId, bob.id);
    raw.send(encodeAwareness(forged, [a.doc.clientID]));
    forged.destroy();
    docMaps(a.doc).notes.set("n1", note); // something that does arrive, to wait on
    await until(() => expect(docMaps(b.doc).notes.has("n1")).toBe(true));
    await new Promise((r) => setTimeout(r, 100));
    expect(b.provider.awareness.getStates().get(a.doc.clientID)).toEqual({ user: { name: "Alice" } });
    raw.close();
  });

  it("repairs or deletes malformed notes for everyone, the sender included", async () => {
    const pieceId = await newPiece();
    const a = connect(pieceId, alice);
    const b = connect(pieceId, bob);
    await Promise.all([a.synced, b.synced]);
    docMaps(a.doc).notes.set("loud", { ...note, pitch: 400, velocity: 1000 });
    docMaps(a.doc).notes.set("junk", { pitch: "C4" } as unknown as Note);
    const expected = { ...note, pitch: 127, velocity: 127 };
    for (const doc of [a.doc, b.doc]) {
      await until(() => {
        expect(docMaps(doc).notes.get("loud")).toEqual(expected);
        expect(docMaps(doc).notes.has("junk")).toBe(false);
      });
    }
  });

  it("attributes ledger rows to the sending connection's user, whatever the note claims", async () => {
    const pieceId = await newPiece();
    const a = connect(pieceId, alice);
    const b = connect(pieceId, bob);
    await Promise.all([a.synced, b.synced]);
    a.doc.transact(() => {
      docMaps(a.doc).notes.set("n1", { ...note, author: bob.id, userId: bob.id } as Note);
      docMaps(a.doc).provenance.set("n1", { kind: "human", userId: bob.id, name: "Bob" });
    });
    await until(() => expect(docMaps(b.doc).provenance.get("n1")).toMatchObject({ userId: alice.id }));
    docMaps(b.doc).notes.set("n1", { ...note, pitch: 61 });
    await until(() => expect(docMaps(a.doc).provenance.get("n1")).toMatchObject({ editedBy: [bob.id] }));
    await suite.collab.flushAll();
    const rows = await readLedger(suite.db, pieceId, "n1");
    expect(rows.map((r) => [r.action, r.authorKind, r.actorId, r.after])).toEqual([
      ["create", "human", alice.id, note],
      ["update", "human", bob.id, { ...note, pitch: 61 }],
    ]);
    expect(docMaps(a.doc).notes.get("n1")).toEqual({ ...note, pitch: 61 });
  });

  it("writes accepted model notes with model provenance and ledger rows", async () => {
    const pieceId = await newPiece();
    const generationId = await addGeneration(suite.db, pieceId, alice);
    const a = connect(pieceId, alice);
    await a.synced;
    const by = { userId: alice.id, userName: "Alice", generationId, model: "tiny", version: "1" };
    const { noteIds: ids, replaced } = await suite.collab.acceptNotes(pieceId, [note, { ...note, start: 480 }], by);
    expect(replaced).toEqual([]);
    expect(ids).toHaveLength(2);
    await until(() => expect(ids.every((id) => docMaps(a.doc).notes.has(id))).toBe(true));
    expect(docMaps(a.doc).provenance.get(ids[0])).toEqual({
      kind: "model",
      model: "tiny",
      version: "1",
      generationId,
      acceptedBy: alice.id,
    });
    const rows = await readLedger(suite.db, pieceId); // durable when acceptNotes returns
    expect(rows.map((r) => [r.noteId, r.action, r.authorKind, r.actorId, r.generationId])).toEqual(
      ids.map((id) => [id, "create", "model", alice.id, generationId]),
    );
    // A later human edit keeps the model attribution and credits the editor.
    docMaps(a.doc).notes.set(ids[0], { ...note, pitch: 72 });
    await until(() => expect(docMaps(a.doc).provenance.get(ids[0])).toMatchObject({ kind: "model", editedBy: [alice.id] }));
  });

  it("an accept with a region replaces its notes and returns them as they were (for the accepter's undo)", async () => {
    const pieceId = await newPiece();
    const generationId = await addGeneration(suite.db, pieceId, alice);
    const a = connect(pieceId, alice);
    await a.synced;
    docMaps(a.doc).notes.set("inside", note);
    docMaps(a.doc).notes.set("outside", { ...note, start: 480 * 8 });
    await until(() => expect(suite.collab.readDoc(pieceId, (d) => docMaps(d).notes.size)).resolves.toBe(2));
    const by = { userId: alice.id, userName: "Alice", generationId, model: "tiny", version: "1" };
    const region = { startBar: 0, endBar: 1, pitchLo: 0, pitchHi: 127, trackIds: ["melody"] };
    const { noteIds, replaced } = await suite.collab.acceptNotes(pieceId, [{ ...note, pitch: 64 }], by, region);
    expect(replaced).toEqual([{ ...note, id: "inside" }]);
    await until(() => expect([...docMaps(a.doc).notes.keys()].sort()).toEqual([...noteIds, "outside"].sort()));
  });

  it("shows generation views to clients and reverts client writes to them", async () => {
    const pieceId = await newPiece();
    const a = connect(pieceId, alice);
    await a.synced;
    const view: GenerationView = {
      id: "g1",
      mode: "infill",
      requestedBy: alice.id,
      requestedByName: "Alice",
      status: "ready",
      region: { startBar: 0, endBar: 2, pitchLo: 40, pitchHi: 80, trackIds: ["melody"] },
      candidates: [[note]],
      createdAt: 1,
    };
    await suite.collab.putGenerationView(pieceId, view);
    await until(() => expect(docMaps(a.doc).generations.get("g1")).toEqual(view));
    docMaps(a.doc).generations.set("g1", { ...view, status: "failed" });
    await until(() => expect(docMaps(a.doc).generations.get("g1")?.status).toBe("ready"));
    await suite.collab.removeGenerationView(pieceId, "g1");
    await until(() => expect(docMaps(a.doc).generations.has("g1")).toBe(false));
  });

  it("streams a running generation's notes as parts, and drops them with its end", async () => {
    const pieceId = await newPiece();
    const a = connect(pieceId, alice);
    await a.synced;
    const view: GenerationView = {
      id: "g2", mode: "infill", requestedBy: alice.id, requestedByName: "Alice", status: "running",
      region: { startBar: 0, endBar: 2, pitchLo: 40, pitchHi: 80, trackIds: ["melody"] }, candidates: [], createdAt: 1,
    };
    await suite.collab.appendCandidateNotes(pieceId, "g2", [[note]], 0); // no view yet: nothing shows
    await suite.collab.putGenerationView(pieceId, view);
    await suite.collab.appendCandidateNotes(pieceId, "g2", [[note], [{ ...note, pitch: 70 }]], 0);
    await suite.collab.appendCandidateNotes(pieceId, "g2", [[], [{ ...note, pitch: 72 }]], 1);
    await until(() => expect([...docMaps(a.doc).candidateParts.keys()].sort()).toEqual(["g2/0/0", "g2/1/0", "g2/1/1"]));
    expect(docMaps(a.doc).candidateParts.get("g2/1/1")).toEqual([{ ...note, pitch: 72 }]);
    docMaps(a.doc).candidateParts.set("g2/0/9", [note]); // only the server writes there
    await until(() => expect(docMaps(a.doc).candidateParts.has("g2/0/9")).toBe(false));
    await suite.collab.clearCandidateNotes(pieceId, "g2"); // it starts over
    await until(() => expect(docMaps(a.doc).candidateParts.size).toBe(0));
    await suite.collab.appendCandidateNotes(pieceId, "g2", [[note]], 2);
    await suite.collab.putGenerationView(pieceId, { ...view, status: "ready", candidates: [[note]] });
    await until(() => expect(docMaps(a.doc).generations.get("g2")?.status).toBe("ready"));
    expect(docMaps(a.doc).candidateParts.size).toBe(0);
  });

  it("shows a generation left running by a stopped server as failed when the piece loads again", async () => {
    const pieceId = await newPiece();
    const view: GenerationView = {
      id: "g-cut", mode: "continue", requestedBy: alice.id, requestedByName: "Alice", status: "running",
      region: { startBar: 2, endBar: 4, pitchLo: 0, pitchHi: 127, trackIds: ["melody"] }, candidates: [], createdAt: 1,
    };
    await suite.collab.putGenerationView(pieceId, view);
    await suite.collab.appendCandidateNotes(pieceId, "g-cut", [[note]], 0);
    await suite.restart(); // the server stops with the view still "running"
    const a = connect(pieceId, alice);
    await a.synced;
    expect(docMaps(a.doc).generations.get("g-cut")).toMatchObject({ status: "failed", error: expect.stringMatching(/restarted/) });
    expect(docMaps(a.doc).candidateParts.size).toBe(0); // what it had streamed goes with it
  });

  it("closes a socket that sends a bad message and keeps serving the others", async () => {
    const pieceId = await newPiece();
    const a = connect(pieceId, alice);
    await a.synced;
    const raw = await openRawSocket(suite.harness.url, pieceId, bob.id);
    const closed = new Promise<number>((resolve) => raw.on("close", (code) => resolve(code)));
    raw.send(Uint8Array.of(MessageType.sync, SyncStep.update, 50, 1, 2, 3)); // a sync update whose length runs past the end
    expect(await closed).toBe(CloseCode.badMessage);
    const raw2 = await openRawSocket(suite.harness.url, pieceId, bob.id);
    const closed2 = new Promise<number>((resolve) => raw2.on("close", (code) => resolve(code)));
    raw2.send("hello");
    expect(await closed2).toBe(CloseCode.badMessage);
    docMaps(a.doc).notes.set("n1", note);
    await vi.waitFor(async () => expect(await suite.collab.readDoc(pieceId, (d) => docMaps(d).notes.get("n1"))).toEqual(note));
  });

  it("reaps a socket that stops answering pings, and only that one", async () => {
    // Long enough that a busy event loop (a room loading from PGlite) cannot make a live socket miss its pong.
    const h = await startHarness(suite.db, { pingIntervalMs: 300 });
    try {
      const pieceId = await newPiece();
      const cookie = { cookie: `${TEST_COOKIE}=${alice.id}` };
      const mute = new WebSocket(`${h.url}/${pieceId}`, { headers: cookie, autoPong: false });
      const lively = new WebSocket(`${h.url}/${pieceId}`, { headers: cookie });
      const dropped = new Promise<number>((resolve) => mute.on("close", (code) => resolve(code)));
      expect(await dropped).toBe(1006); // terminated without a close frame: the peer is presumed gone
      await new Promise((r) => setTimeout(r, 700));
      expect(lively.readyState).toBe(WebSocket.OPEN);
      lively.close();
    } finally {
      await h.close();
    }
  });

  it("fails to read a piece that does not exist", async () => {
    await expect(suite.collab.readDoc("no-such-piece", (d) => d.clientID)).rejects.toBeInstanceOf(PieceNotFoundError);
    expect(suite.collab.openPieces()).not.toContain("no-such-piece");
  });

  it("closes sockets with 'going away' on shutdown, after saving", async () => {
    const h = await startHarness(suite.db, { persistDebounceMs: 60_000 });
    const pieceId = await newPiece();
    const c = connect(pieceId, alice, h);
    await c.synced;
    const closed = new Promise<number | undefined>((resolve) => c.provider.once("connection-close", (e) => resolve(e?.code)));
    docMaps(c.doc).notes.set("n1", note);
    await until(async () => expect(await h.collab.readDoc(pieceId, (d) => docMaps(d).notes.size)).toBe(1));
    await h.close();
    expect(await closed).toBe(CloseCode.goingAway);
    expect((await readLedger(suite.db, pieceId)).map((r) => r.noteId)).toEqual(["n1"]);
  });
});
