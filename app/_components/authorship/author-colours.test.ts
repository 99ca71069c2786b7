import { describe, expect, it } from "vitest";
import type { Provenance } from "@/lib/doc-schema";
import { MODEL_COLOUR, PEOPLE_PALETTE, authorLabels, authorStyle, colourForId, computeShares, rowsFromShares } from "./author-colours";

const ann: Provenance = { kind: "human", userId: "u-ann", name: "Ann" };
const bob: Provenance = { kind: "human", userId: "u-bob", name: "Bob" };
const fim: Provenance = {
  kind: "model",
  model: "tandem-fim",
  version: "1",
  generationId: "g1",
  acceptedBy: "u-ann",
  acceptedByName: "Ann",
};

describe("author colours", () => {
  it("gives a person a stable palette colour and models a hatched amber", () => {
    expect(colourForId("u-ann")).toBe(colourForId("u-ann"));
    expect(PEOPLE_PALETTE).toContain(colourForId("u-ann"));
    expect(PEOPLE_PALETTE).not.toContain(MODEL_COLOUR);
    expect(authorStyle(ann)).toMatchObject({ key: "human:u-ann", hatched: false, label: "Ann" });
    expect(authorStyle(fim)).toEqual({ key: "model:tandem-fim", colour: MODEL_COLOUR, hatched: true, label: "tandem-fim" });
    expect(authorStyle(undefined).key).toBe("unknown");
  });

  it("computes shares from provenance, largest first, ignoring unattributed notes", () => {
    const prov = new Map<string, Provenance>([
      ["n1", ann],
      ["n2", ann],
      ["n3", fim],
      ["n4", bob],
      ["gone", bob],
    ]);
    const rows = computeShares(["n1", "n2", "n3", "n4", "n5"], prov);
    expect(rows.map((r) => [r.kind, r.name, r.notes])).toEqual([
      ["human", "Ann", 2],
      ["model", "tandem-fim", 1],
      ["human", "Bob", 1],
    ]);
    expect(rows[0].share).toBeCloseTo(0.5);
    expect(computeShares([], prov)).toEqual([]);
  });
});

describe("rowsFromShares", () => {
  it("flattens people and models into rows, largest first", () => {
    const rows = rowsFromShares({
      people: [{ userId: "u-ann", name: "Ann", notes: 1, share: 0.25 }],
      models: [{ model: "tandem-fim", notes: 3, share: 0.75 }],
    });
    expect(rows).toEqual([
      { kind: "model", id: "tandem-fim", name: "tandem-fim", notes: 3, share: 0.75 },
      { kind: "human", id: "u-ann", name: "Ann", notes: 1, share: 0.25 },
    ]);
  });
});

describe("author labels", () => {
  it("is a person's initial, numbered by name when two people share it; models have none here", () => {
    const alex: Provenance = { kind: "human", userId: "u-alex", name: "alex" };
    expect([...authorLabels([ann, bob, fim, ann])]).toEqual([["u-ann", "A"], ["u-bob", "B"]]);
    const labels = authorLabels([ann, bob, alex, fim]);
    expect(labels.get("u-alex")).toBe("A1");
    expect(labels.get("u-ann")).toBe("A2");
    expect(labels.get("u-bob")).toBe("B");
  });
});
