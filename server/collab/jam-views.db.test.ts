/**
 * The `jams` map over real sockets: the server's views reach every client and a client's writes to them are reverted;
 * a view left by a stopped server is gone when the piece loads again; isConnected follows a person's sockets; a kept
 * take reaches a client as one update, credited as collab/jam-notes.ts says.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { docMaps, type Note } from "../../lib/doc-schema";
import { jamSettingsSchema } from "../../lib/jam/settings";
import type { JamView } from "../../lib/jam/view";
import { readLedger } from "../authorship/ledger";
import { SERVER_JAM } from "./origins";
import { addGeneration, newUser, until, withPiece } from "./test-harness";

const alice = newUser("Alice"), bob = newUser("Bob");
const suite = withPiece([[alice, "owner"], [bob, "editor"]]);
const { connect, newPiece } = suite;

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

describe("jam views", () => {
  it("shows jam views to clients and reverts a client's writes to them", async () => {
    const pieceId = await newPiece();
    const b = connect(pieceId, bob);
    await b.synced;
    await suite.collab.putJamView(pieceId, view("j1"));
    await until(() => expect(docMaps(b.doc).jams.get("j1")).toEqual(view("j1")));
    docMaps(b.doc).jams.set("j1", { ...view("j1"), leaderId: bob.id, leaderName: "Bob" });
    docMaps(b.doc).jams.set("j2", view("j2"));
    await until(() => expect(docMaps(b.doc).jams.get("j1")?.leaderName).toBe("Alice"));
    await until(() => expect(docMaps(b.doc).jams.has("j2")).toBe(false));
    expect(await suite.collab.readDoc(pieceId, (d) => [...docMaps(d).jams.keys()])).toEqual(["j1"]);
    await suite.collab.removeJamView(pieceId, "j1");
    await until(() => expect(docMaps(b.doc).jams.size).toBe(0));
  });

  it("knows whether a person has a socket open on a piece", async () => {
    const pieceId = await newPiece();
    expect(suite.collab.isConnected(pieceId, bob.id)).toBe(false);
    const b = connect(pieceId, bob);
    await b.synced;
    expect(suite.collab.isConnected(pieceId, bob.id)).toBe(true);
    expect(suite.collab.isConnected(pieceId, alice.id)).toBe(false);
    b.destroy();
    await until(() => expect(suite.collab.isConnected(pieceId, bob.id)).toBe(false));
  });

  it("drops a jam left by a stopped server when the piece loads again", async () => {
    const pieceId = await newPiece();
    await suite.collab.putJamView(pieceId, view("j-cut"));
    await suite.restart();
    const a = connect(pieceId, alice);
    await a.synced;
    expect(docMaps(a.doc).jams.has("j-cut")).toBe(false);
  });

  it("writes a kept take as one update: the loop's notes replaced, the leader's notes theirs, the model's its own", async () => {
    const pieceId = await newPiece();
    const generationId = await addGeneration(suite.db, pieceId, alice, "accepted");
    const old: Note = { track: "melody", pitch: 67, start: 0, duration: 480, velocity: 90 };
    const outside: Note = { ...old, start: 2 * 1920 };
    await suite.collab.importNotes(pieceId, [old, outside], bob);
    const a = connect(pieceId, alice);
    await a.synced;
    const noteWrites: unknown[] = []; // the origins of the server's transactions that change notes
    await suite.collab.readDoc(pieceId, (d) =>
      d.on("afterTransaction", (tr: Y.Transaction) => void (tr.changed.has(docMaps(d).notes as never) && noteWrites.push(tr.origin))),
    );
    const played: Note = { track: "melody", pitch: 60, start: 0, duration: 480, velocity: 90 };
    const answer: Note = { track: "bass", pitch: 36, start: 1920, duration: 960, velocity: 80 };
    const by = { userId: bob.id, userName: "Bob", generationId, model: "tiny", version: "1" };
    const replace = { startBar: 0, endBar: 2, pitchLo: 0, pitchHi: 127, trackIds: ["melody", "bass"] };
    const kept = await suite.collab.keepJamTake(pieceId, { replace, player: [played], model: [answer] }, alice, by);
    await until(() => expect(docMaps(a.doc).notes.size).toBe(3));
    expect(noteWrites).toEqual([SERVER_JAM]); // one transaction: the replaced notes, the model's and the leader's
    const maps = docMaps(a.doc);
    expect(maps.notes.get(kept.playerNoteIds[0])).toEqual(played);
    expect(maps.notes.get(kept.model.noteIds[0])).toEqual(answer);
    expect([...maps.notes.values()]).toContainEqual(outside);
    expect(kept.model.replaced.map(({ id: _id, ...n }) => n)).toEqual([old]);
    const ledger = (await readLedger(suite.db, pieceId)).filter((r) => r.generationId === generationId);
    expect(ledger.map((r) => [r.action, r.authorKind, r.actorId])).toEqual([
      ["delete", "human", bob.id],
      ["create", "model", bob.id],
      ["create", "human", alice.id],
    ]);
    const gone = await suite.collab.keepJamTake(pieceId, { replace, player: [{ ...played, track: "strings" }], model: [] }, alice, by).catch((e: Error) => e);
    expect(String(gone)).toContain("no track 'strings'");
    expect(noteWrites).toEqual([SERVER_JAM]); // the refused take wrote nothing
  });
});
