import { describe, expect, it } from "vitest";
import { adaptationOf, adaptationPeople, adaptationSourcesWords, adaptationWords, type AdaptationCredit } from "./adaptation-credit";

const credit: AdaptationCredit = {
  id: "a1",
  name: "The Band",
  version: 2,
  method: "style-memory",
  fingerprint: "f".repeat(64),
  sources: [
    { pieceId: "p1", title: "Blues in F", people: [{ id: "u1", name: "Ada" }, { id: "u2", name: "Bo" }] },
    { pieceId: "p2", title: "Night Train", people: [{ id: "u2", name: "Bo" }, { id: "u3", name: "Cy" }] },
    { pieceId: "p3", title: "Empty", people: [] },
  ],
};

describe("adaptation credit", () => {
  it("reads the credit from a generation's settings, and nothing from settings without one", () => {
    expect(adaptationOf({ seed: 1, adaptation: credit })).toEqual(credit);
    expect(adaptationOf({ seed: 1 })).toBeNull();
    expect(adaptationOf({ adaptation: { name: "half" } })).toBeNull();
    expect(adaptationOf(null)).toBeNull();
  });

  it("names everyone once, in the order of the sources", () => {
    expect(adaptationPeople(credit).map((p) => p.name)).toEqual(["Ada", "Bo", "Cy"]);
    expect(adaptationWords(credit)).toBe("in our style: The Band v2, learned from 3 pieces by Ada, Bo and Cy");
    expect(adaptationWords({ ...credit, sources: [credit.sources[2]] })).toBe("in our style: The Band v2, learned from 1 piece");
    expect(adaptationSourcesWords(credit)).toBe("Ada, Bo and Cy (Blues in F, Night Train, Empty)");
  });
});
