/**
 * The `jams` map over real sockets: the server's views reach every client and a client's writes to them are reverted;
 * a view left by a stopped server is gone when the piece loads again; isConnected follows a person's sockets; a kept
 * take reaches a client as one update, credited as collab/jam-notes.ts says.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import type { DbHandle } from "../../db";
import { createTestDb } from "../../db/test-db";
import { docMaps, type Note } from "../../lib/doc-schema";
import { jamSettingsSchema } from "../../lib/jam/settings";
import type { JamView } from "../../lib/jam/view";
import { readLedger } from "../authorship/ledger";
import type { SessionUser } from "../services";
import { SERVER_JAM } from "./origins";
import { addGeneration, addPiece, addUser, connectClient, startHarness, type Harness, type TestClient } from "./test-harness";

let handle: DbHandle;
let harness: Harness;
let alice: SessionUser, bob: SessionUser;
let clients: TestClient[] = [];
const connect = (pieceId: string, user: SessionUser) => {
  const c = connectClient(harness.url, pieceId, user.id);
  clients.push(c);
  return c;
};
const until = (fn: () => void) => vi.waitFor(fn, { timeout: 5000, interval: 20 });

const view = (id: string): JamView => ({
  id,
  leaderId: alice.id,
  leaderName: "Alice",
  settings: jamSettingsSchema.parse({ mode: "accompaniment", startBar: 0, bars: 2, bpm: 120, playerTrack: "melody", modelTracks: ["bass"] }),
  clock: { startAt: 1_000, barMs: 2_000, beatMs: 500 },
  status: "playing",
  played: [{ pitch: 60, velocity: 90, at: 1_000, ms: 400 }],
  bars: [],
  missed: [],
  createdAt: 1,
});

beforeAll(async () => {
  handle = await createTestDb();
  [alice, bob] = await Promise.all(["Alice", "Bob"].map((n) => addUser(handle.db, n)));
  harness = await startHarness(handle.db);
});
afterEach(() => {
  clients.forEach((c) => c.destroy());
  clients = [];
});
afterAll(async () => {
  await harness?.close();
  await handle?.close();
});

const newPiece = () => addPiece(handle.db, [[alice, "owner"], [bob, "editor"]]);

describe("jam views", () => {
  it("shows jam views to clients and reverts a client's writes to them", async () => {
    const pieceId = await newPiece();
    const b = connect(pieceId, bob);
    await b.synced;
    await harness.collab.putJamView(pieceId, view("j1"));
    await until(() => expect(docMaps(b.doc).jams.get("j1")).toEqual(view("j1")));
    docMaps(b.doc).jams.set("j1", { ...view("j1"), leaderId: bob.id, leaderName: "Bob" });
    docMaps(b.doc).jams.set("j2", view("j2"));
    await until(() => expect(docMaps(b.doc).jams.get("j1")?.leaderName).toBe("Alice"));
    await until(() => expect(docMaps(b.doc).jams.has("j2")).toBe(false));
    expect(await harness.collab.readDoc(pieceId, (d) => [...docMaps(d).jams.keys()])).toEqual(["j1"]);
    await harness.collab.removeJamView(pieceId, "j1");
    await until(() => expect(docMaps(b.doc).jams.size).toBe(0));
  });

  it("knows whether a person has a socket open on a piece", async () => {
    const pieceId = await newPiece();
    expect(harness.collab.isConnected(pieceId, bob.id)).toBe(false);
    const b = connect(pieceId, bob);
    await b.synced;
    expect(harness.collab.isConnected(pieceId, bob.id)).toBe(true);
    expect(harness.collab.isConnected(pieceId, alice.id)).toBe(false);
    b.destroy();
    await until(() => expect(harness.collab.isConnected(pieceId, bob.id)).toBe(false));
  });

  it("drops a jam left by a stopped server when the piece loads again", async () => {
    const pieceId = await newPiece();
    await harness.collab.putJamView(pieceId, view("j-cut"));
    await harness.close();
    harness = await startHarness(handle.db);
    const a = connect(pieceId, alice);
    await a.synced;
    expect(docMaps(a.doc).jams.has("j-cut")).toBe(false);
  });

  it("writes a kept take as one update: the loop's notes replaced, the leader's notes theirs, the model's its own", async () => {
    const pieceId = await newPiece();
    const generationId = await addGeneration(handle.db, pieceId, alice, "accepted");
    const old: Note = { track: "melody", pitch: 67, start: 0, duration: 480, velocity: 90 };
    const outside: Note = { ...old, start: 2 * 1920 };
    await harness.collab.importNotes(pieceId, [old, outside], bob);
    const a = connect(pieceId, alice);
    await a.synced;
    const noteWrites: unknown[] = []; // the origins of the server's transactions that change notes
    await harness.collab.readDoc(pieceId, (d) =>
      d.on("afterTransaction", (tr: Y.Transaction) => void (tr.changed.has(docMaps(d).notes as never) && noteWrites.push(tr.origin))),
    );
    const played: Note = { track: "melody", pitch: 60, start: 0, duration: 480, velocity: 90 };
    const answer: Note = { track: "bass", pitch: 36, start: 1920, duration: 960, velocity: 80 };
    const by = { userId: bob.id, userName: "Bob", generationId, model: "tiny", version: "1" };
    const replace = { startBar: 0, endBar: 2, pitchLo: 0, pitchHi: 127, trackIds: ["melody", "bass"] };
    const kept = await harness.collab.keepJamTake(pieceId, { replace, player: [played], model: [answer] }, alice, by);
    await until(() => expect(docMaps(a.doc).notes.size).toBe(3));
    expect(noteWrites).toEqual([SERVER_JAM]); // one transaction: the replaced notes, the model's and the leader's
    const maps = docMaps(a.doc);
    expect(maps.notes.get(kept.playerNoteIds[0])).toEqual(played);
    expect(maps.notes.get(kept.model.noteIds[0])).toEqual(answer);
    expect([...maps.notes.values()]).toContainEqual(outside);
    expect(kept.model.replaced.map(({ id: _id, ...n }) => n)).toEqual([old]);
    const ledger = (await readLedger(handle.db, pieceId)).filter((r) => r.generationId === generationId);
    expect(ledger.map((r) => [r.action, r.authorKind, r.actorId])).toEqual([
      ["delete", "human", bob.id],
      ["create", "model", bob.id],
      ["create", "human", alice.id],
    ]);
    const gone = await harness.collab.keepJamTake(pieceId, { replace, player: [{ ...played, track: "strings" }], model: [] }, alice, by).catch((e: Error) => e);
    expect(String(gone)).toContain("no track 'strings'");
    expect(noteWrites).toEqual([SERVER_JAM]); // the refused take wrote nothing
  });
});
