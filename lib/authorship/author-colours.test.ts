import { describe, expect, it } from "vitest";
import type { Provenance } from "../doc-schema";
import { MODEL_COLOUR, PEOPLE_PALETTE, UNKNOWN_COLOUR, authorStyle, colourForId, colourOfKey } from "./author-colours";

const ann: Provenance = { kind: "human", userId: "u-ann" };
const fim: Provenance = { kind: "model", model: "tandem-fim", version: "1", generationId: "g1", acceptedBy: "u-ann" };
const names = new Map([["u-ann", "Ann"]]);

describe("author colours", () => {
  it("gives a person a stable palette colour and models a hatched amber", () => {
    expect(colourForId("u-ann")).toBe(colourForId("u-ann"));
    expect(PEOPLE_PALETTE).toContain(colourForId("u-ann"));
    expect(PEOPLE_PALETTE).not.toContain(MODEL_COLOUR);
    expect(authorStyle(ann, names)).toMatchObject({ key: "human:u-ann", hatched: false, label: "Ann" });
    expect(authorStyle(fim, names)).toEqual({ key: "model:tandem-fim", colour: MODEL_COLOUR, hatched: true, label: "tandem-fim" });
    expect(authorStyle(undefined, names)).toEqual({ key: "unattributed", colour: UNKNOWN_COLOUR, hatched: false, label: "Unattributed" });
  });

  it("colours an author's key as their notes: people by id, models alike, anything else grey", () => {
    expect(colourOfKey("human:u1")).toBe(colourForId("u1"));
    expect(colourOfKey("model:fim")).toBe(MODEL_COLOUR);
    expect(colourOfKey("unattributed")).toBe(UNKNOWN_COLOUR);
    expect(colourOfKey(null)).toBe(UNKNOWN_COLOUR);
  });
});
