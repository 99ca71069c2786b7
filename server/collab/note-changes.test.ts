import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { docMaps, initPieceDoc, type Note } from "../../lib/doc-schema";
import { writeNoteChanges } from "./note-changes";

const n = (pitch: number): Note => ({ track: "melody", pitch, start: 0, duration: 480, velocity: 80 });
const by = { userId: "ada", userName: "Ada", operationId: "op1" };

function piece() {
  const doc = new Y.Doc();
  initPieceDoc(doc);
  const maps = docMaps(doc);
  doc.transact(() => {
    maps.notes.set("h", n(60));
    maps.provenance.set("h", { kind: "human", userId: "bo" });
    maps.provenance.set("m", { kind: "model", model: "fim", version: "1", generationId: "g1", acceptedBy: "bo" });
  });
  return { doc, maps };
}

describe("writeNoteChanges", () => {
  it("applies the changes whose notes hold what was expected, in one transaction, attributed to the operation", () => {
    const { doc, maps } = piece();
    let transactions = 0;
    doc.on("afterTransaction", () => transactions++);
    const { applied, ledger } = writeNoteChanges(
      doc,
      "p",
      [
        { noteId: "h", expected: n(60), next: n(62) },
        { noteId: "m", expected: null, next: n(70) }, // a model note brought back
        { noteId: "x", expected: n(1), next: null }, // not there: left alone
      ],
      by,
    );
    expect(transactions).toBe(1);
    expect(applied.map((c) => c.noteId)).toEqual(["h", "m"]);
    expect(maps.notes.get("h")).toEqual(n(62));
    expect(maps.notes.get("m")).toEqual(n(70));
    expect(ledger).toEqual([
      { pieceId: "p", noteId: "h", action: "update", authorKind: "human", actorId: "ada", generationId: null, operationId: "op1", before: n(60), after: n(62) },
      { pieceId: "p", noteId: "m", action: "create", authorKind: "model", actorId: "ada", generationId: "g1", operationId: "op1", before: null, after: n(70) },
    ]);
    expect(maps.provenance.get("m")?.kind).toBe("model");
  });

  it("deletes, and credits a brand-new note to the person who ran the operation", () => {
    const { doc, maps } = piece();
    const { ledger } = writeNoteChanges(doc, "p", [{ noteId: "h", expected: n(60), next: null }, { noteId: "new", expected: null, next: n(50) }], by);
    expect(maps.notes.has("h")).toBe(false);
    expect(maps.provenance.get("new")).toEqual({ kind: "human", userId: "ada" });
    expect(ledger.map((e) => e.action)).toEqual(["delete", "create"]);
  });
});
