/**
 * The piece's key and the chord symbols people type travel through the real collab server: an editor's reach the
 * others and the database, a malformed one is undone for everyone, a viewer's never land.
 */
import { describe, expect, it } from "vitest";
import { docMaps, readChordOverrides, readMeta } from "../../lib/doc-schema";
import { newUser, storedDoc, until, withPiece } from "./test-harness";

const ann = newUser("Ann"), bea = newUser("Bea"), vic = newUser("Vic");
const suite = withPiece([[ann, "owner"], [bea, "editor"], [vic, "viewer"]]);
const { connect, newPiece } = suite;

describe("key and chord symbols over the collab server", () => {
  it("an editor's key and symbols reach the others and the database; clearing a symbol removes it", async () => {
    const pieceId = await newPiece([[ann, "owner"], [bea, "editor"]]);
    const a = connect(pieceId, ann);
    const b = connect(pieceId, bea);
    await Promise.all([a.synced, b.synced]);
    b.doc.transact(() => {
      docMaps(b.doc).meta.set("key", { tonic: 2, mode: "major" });
      docMaps(b.doc).chords.set("1920", "Am7");
      docMaps(b.doc).chords.set("0", "g/b"); // read as a chord, written the house way
    });
    await until(() => expect(readChordOverrides(a.doc)).toEqual(new Map([[0, "G/B"], [1920, "Am7"]])));
    expect(readMeta(a.doc).key).toEqual({ tonic: 2, mode: "major" });

    docMaps(a.doc).chords.delete("1920");
    await until(() => expect(docMaps(b.doc).chords.has("1920")).toBe(false));
    await suite.collab.flushAll();
    const stored = await storedDoc(suite.db, pieceId);
    expect(readMeta(stored).key).toEqual({ tonic: 2, mode: "major" });
    expect(readChordOverrides(stored)).toEqual(new Map([[0, "G/B"]]));
  });

  it("undoes a malformed key or symbol for everyone, the sender included", async () => {
    const pieceId = await newPiece([[ann, "owner"], [bea, "editor"]]);
    const a = connect(pieceId, ann);
    const b = connect(pieceId, bea);
    await Promise.all([a.synced, b.synced]);
    docMaps(a.doc).meta.set("key", { tonic: 9, mode: "minor" });
    await until(() => expect(readMeta(b.doc).key).toEqual({ tonic: 9, mode: "minor" }));
    b.doc.transact(() => {
      docMaps(b.doc).meta.set("key", { tonic: 9, mode: "minor", owner: "bea" });
      docMaps(b.doc).chords.set("0", "<b>hi</b>");
      docMaps(b.doc).chords.set("7", "C");
    });
    await until(() => {
      expect(docMaps(b.doc).meta.get("key")).toEqual({ tonic: 9, mode: "minor" });
      expect(docMaps(b.doc).chords.size).toBe(0);
    });
    await suite.collab.flushAll();
    expect(await suite.collab.readDoc(pieceId, (d) => [docMaps(d).meta.get("key"), docMaps(d).chords.size])).toEqual([{ tonic: 9, mode: "minor" }, 0]);
  });

  it("never lets a viewer change the key or the chord symbols", async () => {
    const pieceId = await newPiece([[ann, "owner"], [vic, "viewer"]]);
    const a = connect(pieceId, ann);
    const v = connect(pieceId, vic);
    await Promise.all([a.synced, v.synced]);
    docMaps(a.doc).chords.set("0", "C");
    await until(() => expect(docMaps(v.doc).chords.get("0")).toBe("C"));
    v.doc.transact(() => {
      docMaps(v.doc).meta.set("key", { tonic: 4, mode: "phrygian" });
      docMaps(v.doc).chords.set("0", "Dm");
      docMaps(v.doc).chords.set("1920", "G7");
    });
    // The viewer then shows itself in awareness, which the server handles after the update (one socket, in order).
    v.provider.awareness.setLocalStateField("mark", "after");
    await until(() => expect(a.provider.awareness.getStates().get(v.doc.clientID)).toMatchObject({ mark: "after" }));
    await suite.collab.flushAll();
    expect(await suite.collab.readDoc(pieceId, (d) => [readMeta(d).key, Object.fromEntries(docMaps(d).chords.entries())])).toEqual([
      undefined,
      { "0": "C" },
    ]);
    expect(readMeta(a.doc).key).toBeUndefined();
  });
});
