import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { docMaps, initPieceDoc, type Note } from "../../lib/doc-schema";
import type { LedgerEntry } from "../authorship/ledger";
import type { SessionUser } from "../services";
import { guardDoc } from "./guard";

const alice: SessionUser = { id: "u-alice", name: "Alice", email: "alice@example.com" };
const bob: SessionUser = { id: "u-bob", name: "Bob", email: "bob@example.com" };
const note: Note = { track: "melody", pitch: 60, start: 0, duration: 480, velocity: 90 };
const quietLog = { info() {}, warn() {}, error() {} };

/** A client's origin as the room sees it: something that maps to an authenticated user. */
class Client {
  constructor(readonly user: SessionUser) {}
}

describe("guardDoc", () => {
  let server: Y.Doc;
  let ledger: LedgerEntry[];
  let unguard: () => void;

  beforeEach(() => {
    server = new Y.Doc();
    initPieceDoc(server);
    ledger = [];
    unguard = guardDoc(server, {
      pieceId: "p1",
      clientOf: (o) => (o instanceof Client ? o.user : null),
      onLedger: (entries) => ledger.push(...entries),
      log: quietLog,
    });
  });
  afterEach(() => unguard());

  /** Makes an edit on a replica of the server doc and applies it to the server as `user`'s update. */
  const edit = (user: SessionUser, fn: (maps: ReturnType<typeof docMaps>) => void) => {
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateVector(replica);
    replica.transact(() => fn(docMaps(replica)));
    Y.applyUpdate(server, Y.encodeStateAsUpdate(replica, before), new Client(user));
  };
  const maps = () => docMaps(server);

  it("ledgers a created note to the sending user and credits them in provenance", () => {
    edit(alice, (m) => m.notes.set("n1", note));
    expect(ledger).toEqual([
      { pieceId: "p1", noteId: "n1", action: "create", authorKind: "human", actorId: alice.id, generationId: null, before: null, after: note },
    ]);
    expect(maps().provenance.get("n1")).toEqual({ kind: "human", userId: alice.id });
  });

  it("keeps the author on an edit by someone else and adds the editor", () => {
    edit(alice, (m) => m.notes.set("n1", note));
    edit(bob, (m) => m.notes.set("n1", { ...note, pitch: 62 }));
    edit(bob, (m) => m.notes.set("n1", { ...note, pitch: 64 }));
    expect(maps().provenance.get("n1")).toEqual({ kind: "human", userId: alice.id, editedBy: [bob.id] });
    expect(ledger.map((e) => [e.action, e.actorId, e.before?.pitch, e.after?.pitch])).toEqual([
      ["create", alice.id, undefined, 60],
      ["update", bob.id, 60, 62],
      ["update", bob.id, 62, 64],
    ]);
  });

  it("ledgers a delete and keeps the provenance for an undo", () => {
    edit(alice, (m) => m.notes.set("n1", note));
    edit(bob, (m) => m.notes.delete("n1"));
    expect(ledger.at(-1)).toMatchObject({ action: "delete", actorId: bob.id, before: note, after: null });
    expect(maps().provenance.get("n1")).toMatchObject({ userId: alice.id });
  });

  it("a note brought back under its id (an undo) keeps its attribution, with no editor added", () => {
    edit(alice, (m) => m.notes.set("n1", note));
    edit(bob, (m) => m.notes.delete("n1"));
    edit(bob, (m) => m.notes.set("n1", note));
    expect(maps().provenance.get("n1")).toEqual({ kind: "human", userId: alice.id });
    expect(ledger.at(-1)).toMatchObject({ action: "create", actorId: bob.id, after: note });
  });

  it("a known id re-created with other content is a new note of the sender's, under a new id (issue 12, finding 1)", () => {
    server.transact(() => {
      maps().notes.set("m1", note);
      maps().provenance.set("m1", { kind: "model", model: "tandem-fim", version: "1.3.0", generationId: "g1", acceptedBy: alice.id });
    }, "model-accept");
    edit(alice, (m) => m.notes.set("a1", { ...note, start: 480 }));
    edit(bob, (m) => {
      m.notes.delete("m1");
      m.notes.delete("a1");
    });
    ledger = [];
    const forged = { ...note, track: "bass", pitch: 40, start: 1920 };
    edit(bob, (m) => {
      m.notes.set("m1", forged);
      m.notes.set("a1", { ...forged, start: 2400 });
    });
    expect(maps().notes.has("m1")).toBe(false);
    expect(maps().notes.has("a1")).toBe(false);
    const now = [...maps().notes.entries()];
    expect(now.map(([, n]) => n)).toEqual(expect.arrayContaining([forged, { ...forged, start: 2400 }]));
    for (const [id] of now) expect(maps().provenance.get(id)).toEqual({ kind: "human", userId: bob.id });
    expect(ledger.map((e) => [e.action, e.actorId, e.noteId])).toEqual(now.map(([id]) => ["create", bob.id, id]));
    expect(maps().provenance.get("m1")).toMatchObject({ kind: "model", deleted: note });
  });

  it("a note the server deleted (an accept replacing it) and a client restores unchanged keeps its author", () => {
    edit(alice, (m) => m.notes.set("n1", note));
    server.transact(() => maps().notes.delete("n1"), "model-accept");
    expect(maps().provenance.get("n1")).toMatchObject({ userId: alice.id, deleted: note });
    edit(alice, (m) => m.notes.set("n1", note));
    expect(maps().provenance.get("n1")).toEqual({ kind: "human", userId: alice.id });
  });

  it("repairs an out-of-range note and ledgers the repaired value", () => {
    edit(alice, (m) => m.notes.set("n1", { ...note, pitch: 300, velocity: 0 }));
    expect(maps().notes.get("n1")).toEqual({ ...note, pitch: 127, velocity: 1 });
    expect(ledger[0].after).toEqual({ ...note, pitch: 127, velocity: 1 });
  });

  it("deletes an unrepairable note without a ledger entry", () => {
    edit(alice, (m) => m.notes.set("n1", { track: "melody", pitch: "C4" } as unknown as Note));
    expect(maps().notes.has("n1")).toBe(false);
    expect(ledger).toEqual([]);
    expect(maps().provenance.has("n1")).toBe(false);
  });

  it("reverts client writes to provenance, generations and streamed candidate notes, even alongside a note", () => {
    edit(alice, (m) => m.notes.set("n1", note));
    edit(bob, (m) => {
      m.notes.set("n2", note);
      m.provenance.set("n2", { kind: "human", userId: alice.id, name: "Alice" });
      m.provenance.set("n1", { kind: "human", userId: bob.id, name: "Bob" });
      m.generations.set("g1", {} as never);
      m.candidateParts.set("g1/0/0", [note]);
    });
    expect(maps().provenance.get("n2")).toEqual({ kind: "human", userId: bob.id });
    expect(maps().provenance.get("n1")).toEqual({ kind: "human", userId: alice.id });
    expect(maps().generations.has("g1")).toBe(false);
    expect(maps().candidateParts.has("g1/0/0")).toBe(false);
  });

  it("reverts a client's write to the jams map: a new jam, a change to the server's and its removal", () => {
    const view = { id: "j1", status: "playing" } as never;
    server.transact(() => maps().jams.set("j1", view)); // the server's own write stands
    edit(bob, (m) => {
      m.jams.set("j2", {} as never);
      m.jams.set("j1", { id: "j1", status: "stopped" } as never);
    });
    expect(maps().jams.has("j2")).toBe(false);
    expect(maps().jams.get("j1")).toEqual(view);
    edit(bob, (m) => m.jams.delete("j1"));
    expect(maps().jams.get("j1")).toEqual(view);
  });

  it("repairs or restores tracks and meta", () => {
    edit(alice, (m) => {
      m.tracks.set("melody", { name: "Lead", role: "melody", instrument: "lead", order: 500 });
      m.tracks.set("chords", { name: "X", role: "kazoo" } as never);
      m.tracks.set("junk", 5 as never);
      m.meta.set("bpm", 5000);
      m.meta.set("beatUnit", 3);
      m.meta.delete("beatsPerBar");
      m.meta.set("owner", "alice");
    });
    const { tracks, meta } = maps();
    expect(tracks.get("melody")).toEqual({ name: "Lead", role: "melody", instrument: "lead", order: 63 });
    expect(tracks.get("chords")).toMatchObject({ name: "Chords", role: "chords" });
    expect(tracks.has("junk")).toBe(false);
    expect(Object.fromEntries(meta.entries())).toEqual({ bpm: 300, beatUnit: 4, beatsPerBar: 4 });
  });

  it("keeps a valid key and chord symbols, rewrites a sloppy symbol, and undoes malformed ones", () => {
    edit(alice, (m) => {
      m.meta.set("key", { tonic: 2, mode: "major" });
      m.chords.set("0", "Am7");
      m.chords.set("1920", "g/b");
      m.chords.set("3840", "Qmaj");
      m.chords.set("100", "C");
    });
    expect(maps().meta.get("key")).toEqual({ tonic: 2, mode: "major" });
    expect(Object.fromEntries(maps().chords.entries())).toEqual({ "0": "Am7", "1920": "G/B" });

    edit(bob, (m) => {
      m.meta.set("key", { tonic: 40, mode: "major" });
      m.chords.set("0", "nonsense");
    });
    expect(maps().meta.get("key")).toEqual({ tonic: 2, mode: "major" }); // restored
    expect(maps().chords.get("0")).toBe("Am7");

    edit(bob, (m) => {
      m.meta.delete("key"); // no key is a key of its own
      m.chords.delete("0"); // back to the detected chord
    });
    expect(maps().meta.has("key")).toBe(false);
    expect(maps().chords.has("0")).toBe(false);
    expect(ledger).toEqual([]); // none of this is a note
  });

  it("leaves server transactions alone", () => {
    server.transact(() => maps().notes.set("n1", { ...note, pitch: 300 }), "server-test");
    expect(maps().notes.get("n1")).toMatchObject({ pitch: 300 });
    expect(ledger).toEqual([]);
  });
});
