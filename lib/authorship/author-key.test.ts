import { describe, expect, it } from "vitest";
import type { Provenance } from "../doc-schema";
import { authorKeyOf, humanKey, modelKey, modelOfKey, parseAuthorKey, personOfKey } from "./author-key";

describe("author keys", () => {
  it("keys a note by its author, and reads the author back", () => {
    const ada: Provenance = { kind: "human", userId: "u1", name: "Ada" };
    const fim: Provenance = { kind: "model", model: "fim", version: "1", generationId: "g", acceptedBy: "u1", acceptedByName: "Ada" };
    expect(authorKeyOf(ada)).toBe("human:u1");
    expect(authorKeyOf(fim)).toBe("model:fim");
    expect(authorKeyOf(undefined)).toBe("unattributed");
    expect(parseAuthorKey(humanKey("u:1"))).toEqual({ kind: "human", userId: "u:1" });
    expect(parseAuthorKey(modelKey("tandem-fim"))).toEqual({ kind: "model", model: "tandem-fim" });
    expect(parseAuthorKey("unattributed")).toBeNull();
    expect(parseAuthorKey("all")).toBeNull();
    expect([personOfKey("human:u1"), personOfKey("model:fim"), personOfKey(undefined)]).toEqual(["u1", null, null]);
    expect([modelOfKey("model:fim"), modelOfKey("human:u1"), modelOfKey("unattributed")]).toEqual(["fim", null, null]);
  });
});
