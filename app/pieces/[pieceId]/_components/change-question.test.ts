import { describe, expect, it } from "vitest";
import type { Provenance } from "@/lib/doc-schema";
import { changeQuestion, ownerOf, removalQuestion, whoseWords, type Asker } from "./change-question";

const human = (userId: string): Provenance => ({ kind: "human", userId });
const model = (acceptedBy: string): Provenance => ({ kind: "model", model: "tandem-small", version: "1", generationId: "g1", acceptedBy });

/** Me (Ada) with 2 notes, Bob with 14 (4 his own, 10 of the model's he accepted), Cy with 6, one of nobody known. */
function asker(): Asker & { ids: string[] } {
  const provenance = new Map<string, Provenance>();
  const ids: string[] = [];
  const add = (p: Provenance | null, n: number) => {
    for (let i = 0; i < n; i++) {
      const id = `n${ids.length}`;
      ids.push(id);
      if (p) provenance.set(id, p);
    }
  };
  add(human("ada"), 2);
  add(human("bob"), 4);
  add(model("bob"), 10);
  add(human("cy"), 6);
  add(null, 1);
  return { me: "ada", provenance, names: new Map([["bob", "Bob"], ["cy", "Cy"]]), ids };
}

describe("the question before other people's notes change", () => {
  it("names how many notes and whose, biggest share first, yours and the unknown last", () => {
    const a = asker();
    expect(removalQuestion(a.ids, a)).toEqual({
      title: "Remove 23 notes for everyone?",
      body: "14 are Bob's, 6 are Cy's, 2 are yours and 1 has no known author. Ctrl+Z brings them back.",
      confirm: "Remove 23 notes",
    });
    expect(whoseWords(a.ids.slice(2, 16), a)).toBe("All 14 are Bob's");
    expect(whoseWords(["n16"], a)).toBe("It is Cy's");
    expect(whoseWords(["n22"], a)).toBe("It has no known author");
    expect(whoseWords(["n0", "n16"], a)).toBe("1 is Cy's and 1 is yours");
  });

  it("a model's note is the person's who accepted it; an unknown person is said so", () => {
    const a = asker();
    expect(ownerOf(model("bob"))).toBe("bob");
    expect(ownerOf(undefined)).toBeNull();
    expect(whoseWords(["n6"], { ...a, names: new Map() })).toBe("It is Unknown person's");
  });

  it("asks nothing when every note is your own", () => {
    const a = asker();
    expect(removalQuestion(["n0", "n1"], a)).toBeNull();
    expect(changeQuestion("Undo?", "Undo", [{ noteId: "n0", change: "change" }, { noteId: "n5", change: "restore" }], a)).toBeNull();
  });

  it("an operation says what goes, changes and comes back, and whose are the notes that go or change", () => {
    const a = asker();
    const q = changeQuestion(
      "Revert Cy's changes in bar 1?",
      "Revert",
      [
        { noteId: "n16", change: "remove" },
        { noteId: "n17", change: "remove" },
        { noteId: "n18", change: "change" },
        { noteId: "n3", change: "restore" },
      ],
      a,
    );
    expect(changeQuestion("Remove 2 notes for everyone?", "Remove", [{ noteId: "n16", change: "remove" }, { noteId: "n0", change: "remove" }], a)).toEqual({
      title: "Remove 2 notes for everyone?",
      body: "1 is Cy's and 1 is yours. Ctrl+Z brings them back.",
      confirm: "Remove",
    });
    expect(q).toEqual({
      title: "Revert Cy's changes in bar 1?",
      body: "For everyone, 2 notes go, 1 note changes and 1 note comes back. Of those that go or change, all 3 are Cy's. Ctrl+Z takes it back.",
      confirm: "Revert",
    });
  });
});
