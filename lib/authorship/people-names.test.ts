import { describe, expect, it } from "vitest";
import type { Provenance } from "../doc-schema";
import { accepterName, authorName, namesOf, personName, UNKNOWN_PERSON, unnamedIds } from "./people-names";

const names = new Map([
  ["u-ann", "Ann"],
  ["u-bo", "Bo"],
]);
const byAnn: Provenance = { kind: "human", userId: "u-ann" };
const fim: Provenance = { kind: "model", model: "tandem-fim", version: "1", generationId: "g1", acceptedBy: "u-bo", editedBy: ["u-cy"] };

describe("people's names at display", () => {
  it("names the author and the person who accepted a model's note from the names known now", () => {
    expect(authorName(byAnn, names)).toBe("Ann");
    expect(authorName(fim, names)).toBe("tandem-fim");
    expect(accepterName(fim as Extract<Provenance, { kind: "model" }>, names)).toBe("Bo");
  });

  it("reads entries of old documents, which stored names: the name known now wins, the stored one stands in", () => {
    const renamed: Provenance = { kind: "human", userId: "u-ann", name: "Ann Old" };
    const left: Provenance = { kind: "human", userId: "u-gone", name: "Gone" };
    const oldFim = { ...fim, acceptedBy: "u-gone", acceptedByName: "Gone" } as Extract<Provenance, { kind: "model" }>;
    expect(authorName(renamed, names)).toBe("Ann");
    expect(authorName(left, names)).toBe("Gone");
    expect(accepterName(oldFim, names)).toBe("Gone");
  });

  it("says so when nobody knows the id", () => {
    expect(personName("u-who", names)).toBe(UNKNOWN_PERSON);
    expect(authorName({ kind: "human", userId: "u-who" }, new Map())).toBe(UNKNOWN_PERSON);
  });

  it("lists the people to ask the server for: authors, those who accepted and editors nobody here knows, once each", () => {
    const byCy: Provenance = { kind: "human", userId: "u-cy", editedBy: ["u-ann", "u-dee"] };
    expect(unnamedIds([byAnn, fim, byCy, fim], names)).toEqual(["u-cy", "u-dee"]);
  });

  it("joins lists of people, the first list's name winning", () => {
    const merged = namesOf([{ id: "u-ann", name: "Ann" }], [{ id: "u-ann", name: "Fake" }, { id: "u-bo", name: "Bo" }]);
    expect([...merged]).toEqual([
      ["u-ann", "Ann"],
      ["u-bo", "Bo"],
    ]);
  });
});
