import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { docMaps, initPieceDoc, type Note } from "../../lib/doc-schema";
import { bindClients, ownerOfClient } from "./client-owners";
import { CloseCode } from "../../lib/collab-protocol";
import { checkClientUpdate } from "./update-check";

const note = (pitch: number): Note => ({ track: "melody", pitch, start: 0, duration: 480, velocity: 90 });

/** The server's doc and a replica per user, in sync with it. */
function world() {
  const server = new Y.Doc();
  initPieceDoc(server);
  const replica = (clientID: number) => {
    const d = new Y.Doc();
    Y.applyUpdate(d, Y.encodeStateAsUpdate(server));
    d.clientID = clientID; // after the sync: Yjs picks a new id when a remote update carries its own
    return d;
  };
  /** What `doc` has that the server lacks, as one update. */
  const diff = (doc: Y.Doc) => Y.encodeStateAsUpdate(doc, Y.encodeStateVector(server));
  const check = (update: Uint8Array, userId: string, limits?: Parameters<typeof checkClientUpdate>[4]) =>
    checkClientUpdate(server, update, userId, ownerOfClient(server), limits);
  /** Checks, binds and applies, as the room does. */
  const apply = (update: Uint8Array, userId: string) => {
    const v = check(update, userId);
    if (!v.ok) throw new Error(v.reason);
    bindClients(server, v.newClients, userId);
    Y.applyUpdate(server, update);
  };
  return { server, replica, diff, check, apply };
}

describe("checkClientUpdate", () => {
  it("takes an ordinary edit and binds the fresh client id to its sender", () => {
    const w = world();
    const ada = w.replica(101);
    docMaps(ada).notes.set("n1", note(60));
    const v = w.check(w.diff(ada), "ada");
    expect(v).toEqual({ ok: true, newClients: [101] });
    w.apply(w.diff(ada), "ada");
    expect(ownerOfClient(w.server)(101)).toBe("ada");
    docMaps(ada).notes.set("n2", note(62));
    expect(w.check(w.diff(ada), "ada")).toEqual({ ok: true, newClients: [] });
  });

  it("refuses structs under a client id bound to someone else", () => {
    const w = world();
    const ada = w.replica(101);
    docMaps(ada).notes.set("n1", note(60));
    w.apply(w.diff(ada), "ada");
    // Bo's doc speaks as Ada's client id
    const forged = w.replica(101);
    docMaps(forged).notes.set("n2", note(64));
    // `missing`: with other processes, the room reads the stream before it refuses (room.ts catchUpThen)
    expect(w.check(w.diff(forged), "bo")).toMatchObject({ ok: false, code: CloseCode.updateRefused, reason: /another connection/, missing: true });
  });

  it("refuses an unbound client id the document already has (the server's own, or older history)", () => {
    const w = world();
    const forged = w.replica(w.server.clientID);
    docMaps(forged).notes.set("n1", note(60));
    expect(w.check(w.diff(forged), "bo")).toMatchObject({ ok: false, reason: /another connection/ });
  });

  it("refuses an update with a gap (it would wait, pending, and land inside someone's later edit)", () => {
    const w = world();
    const bo = w.replica(202);
    docMaps(bo).notes.set("n1", note(60));
    const first = w.diff(bo);
    docMaps(bo).notes.set("n2", note(62));
    const both = w.diff(bo);
    const second = Y.diffUpdate(both, Y.encodeStateVectorFromUpdate(first));
    expect(w.check(second, "bo")).toMatchObject({ ok: false, code: CloseCode.updateRefused, reason: /gap/, missing: true });
    w.apply(first, "bo");
    expect(w.check(second, "bo")).toMatchObject({ ok: true });
  });

  it("refuses deleting items the server does not have", () => {
    const w = world();
    const bo = w.replica(202);
    docMaps(bo).notes.set("n1", note(60));
    const create = w.diff(bo);
    docMaps(bo).notes.delete("n1");
    const all = w.diff(bo);
    const deleteOnly = Y.encodeStateAsUpdate(bo, Y.encodeStateVectorFromUpdate(create));
    expect(w.check(deleteOnly, "bo")).toMatchObject({ ok: false, reason: /deletes an item/ });
    expect(w.check(all, "bo")).toMatchObject({ ok: true });
  });

  it("refuses new root types and nested types", () => {
    const w = world();
    const b = w.replica(302);
    b.getText("junk").insert(0, "x".repeat(1000));
    expect(w.check(w.diff(b), "b")).toMatchObject({ ok: false, reason: /writes a kind of value|root type/ });
    const c = w.replica(303);
    c.getMap("junk").set("k", 1);
    expect(w.check(w.diff(c), "c")).toMatchObject({ ok: false, reason: /root type/ });
    const d = w.replica(304);
    docMaps(d).meta.set("nested", new Y.Map());
    expect(w.check(w.diff(d), "d")).toMatchObject({ ok: false, reason: /kind of value/ });
  });

  it("finds the root of an overwrite (an entry written over an earlier one leaves its parent out)", () => {
    const w = world();
    // an entry of a root that is not the piece's, written by the server's doc, then a client writing over it
    w.server.getMap("legacy").set("k", 1);
    const b = w.replica(402);
    b.getMap("legacy").set("k", 2);
    const update = w.diff(b);
    expect(Y.decodeUpdate(update).structs[0]).toMatchObject({ parent: null });
    expect(w.check(update, "b")).toMatchObject({ ok: false, reason: /root type/ });
    const c = w.replica(403);
    docMaps(c).meta.set("bpm", 120);
    expect(w.check(w.diff(c), "c")).toMatchObject({ ok: true });
  });

  it("bounds entries per message and notes per piece", () => {
    const w = world();
    const a = w.replica(501);
    a.transact(() => {
      for (let i = 0; i < 30; i++) docMaps(a).notes.set(`n${i}`, note(40 + i));
    });
    expect(w.check(w.diff(a), "a", { maxStructsPerMessage: 29, maxPieceNotes: 100 })).toMatchObject({ ok: false, code: CloseCode.updateTooLarge, missing: false });
    expect(w.check(w.diff(a), "a", { maxStructsPerMessage: 100, maxPieceNotes: 29 })).toMatchObject({ ok: false, code: CloseCode.updateTooLarge });
    expect(w.check(w.diff(a), "a", { maxStructsPerMessage: 30, maxPieceNotes: 30 })).toMatchObject({ ok: true });
  });

  it("calls bytes that are not an update a bad message", () => {
    const w = world();
    expect(w.check(new Uint8Array([1, 2, 3, 250]), "a")).toMatchObject({ ok: false, code: CloseCode.badMessage, missing: false });
  });
});
