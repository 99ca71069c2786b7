import { describe, expect, it } from "vitest";
import type { Provenance } from "../doc-schema";
import { authorLabels, authorTag } from "./author-labels";

const ann: Provenance = { kind: "human", userId: "u-ann" };
const bob: Provenance = { kind: "human", userId: "u-bob" };
const fim: Provenance = { kind: "model", model: "tandem-fim", version: "1", generationId: "g1", acceptedBy: "u-ann" };
const names = new Map([
  ["u-ann", "Ann"],
  ["u-bob", "Bob"],
]);

describe("author labels", () => {
  it("is a person's initial, numbered by name when two people share it; models have none here", () => {
    const alex: Provenance = { kind: "human", userId: "u-alex", name: "alex" }; // an old document's entry, with its name
    expect([...authorLabels([ann, bob, fim, ann], names)]).toEqual([["u-ann", "A"], ["u-bob", "B"]]);
    const labels = authorLabels([ann, bob, alex, fim], names);
    expect(labels.get("u-alex")).toBe("A1");
    expect(labels.get("u-ann")).toBe("A2");
    expect(labels.get("u-bob")).toBe("B");
  });

  it("tags a model's notes AI and a person's with their label, or their initial when they have none yet", () => {
    const people = authorLabels([ann, bob], names);
    expect(authorTag("model", undefined, "tandem-fim", people)).toBe("AI");
    expect(authorTag("human", "u-bob", "Bob", people)).toBe("B");
    expect(authorTag("human", "u-cy", "cy", people)).toBe("C");
  });
});
