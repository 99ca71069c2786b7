import { describe, expect, it } from "vitest";
import type { Provenance } from "../doc-schema";
import { authorFromProvenance, authorsFromLedger, computeShares, rowsFromShares, sharesOfProvenance, type LedgerCreateRow } from "./shares";

const human = (seq: number, noteId: string, actorId: string, actorName: string): LedgerCreateRow => ({
  seq, noteId, authorKind: "human", actorId, actorName, model: null, modelVersion: null,
});
const model = (seq: number, noteId: string, actorId: string, actorName: string): LedgerCreateRow => ({
  seq, noteId, authorKind: "model", actorId, actorName, model: "tandem-fim", modelVersion: "1.0.0",
});

describe("computeShares", () => {
  it("counts current notes per person and per model; accepting a model note does not make it yours", () => {
    const rows = [human(1, "a", "u1", "Ada"), human(2, "b", "u1", "Ada"), human(3, "c", "u2", "Bo"), model(4, "d", "u2", "Bo"), human(5, "gone", "u2", "Bo")];
    const authors = authorsFromLedger(rows);
    const s = computeShares(["a", "b", "c", "d"], (id) => authors.get(id));
    expect(s.total).toBe(4);
    expect(s.people).toEqual([
      { userId: "u1", name: "Ada", notes: 2, share: 0.5, acceptedModelNotes: 0 },
      { userId: "u2", name: "Bo", notes: 1, share: 0.25, acceptedModelNotes: 1 },
    ]);
    expect(s.models).toEqual([{ model: "tandem-fim", versions: ["1.0.0"], notes: 1, share: 0.25 }]);
    expect(s.unattributed).toBe(0);
  });

  it("takes a note's first create row: Bo undoing his delete of Ada's note does not make it his", () => {
    const authors = authorsFromLedger([human(7, "a", "u2", "Bo"), human(3, "a", "u1", "Ada")]);
    expect(authors.get("a")).toEqual({ kind: "human", userId: "u1", name: "Ada" });
  });

  it("falls back to another source, and counts notes with no author as unattributed", () => {
    const prov = authorFromProvenance({ kind: "model", model: "m", version: "2", generationId: "g", acceptedBy: "u1" }, new Map([["u1", "Ada"]]));
    const s = computeShares(["x", "y"], (id) => (id === "x" ? prov : undefined));
    expect(s.models[0]).toMatchObject({ model: "m", notes: 1, share: 0.5 });
    expect(s.people).toEqual([{ userId: "u1", name: "Ada", notes: 0, share: 0, acceptedModelNotes: 1 }]);
    expect(s.unattributed).toBe(1);
  });

  it("an empty piece has no shares", () => {
    expect(computeShares([], () => undefined)).toEqual({ total: 0, people: [], models: [], unattributed: 0 });
  });
});

describe("shares in the editor", () => {
  it("counts from the doc's provenance alone the way the server counts from the ledger, largest first", () => {
    const ann: Provenance = { kind: "human", userId: "u-ann" };
    const bob: Provenance = { kind: "human", userId: "u-bob", name: "Bob" }; // an old document's entry, with its name
    const fim: Provenance = { kind: "model", model: "tandem-fim", version: "1", generationId: "g1", acceptedBy: "u-ann" };
    const names = new Map([["u-ann", "Ann"]]);
    const prov = new Map<string, Provenance>([["n1", ann], ["n2", ann], ["n3", fim], ["n4", bob], ["gone", bob]]);
    const shares = sharesOfProvenance(["n1", "n2", "n3", "n4", "n5"], prov, names);
    expect(shares.unattributed).toBe(1);
    expect(rowsFromShares(shares)).toEqual([
      { kind: "human", id: "u-ann", name: "Ann", notes: 2, share: 0.4 },
      { kind: "human", id: "u-bob", name: "Bob", notes: 1, share: 0.2 },
      { kind: "model", id: "tandem-fim", name: "tandem-fim", notes: 1, share: 0.2 },
    ]);
    expect(rowsFromShares(sharesOfProvenance([], prov, names))).toEqual([]);
  });
});
