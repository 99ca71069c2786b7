import { describe, expect, it } from "vitest";
import type { NoteWithId, Provenance } from "@/lib/doc-schema";
import { authorKeyOf } from "@/lib/authorship/author-key";
import { ALL_AUTHORS, authorOptions, filterByAuthor } from "./review-filter";

const ada: Provenance = { kind: "human", userId: "u1" };
const fim: Provenance = { kind: "model", model: "fim", version: "1", generationId: "g", acceptedBy: "u1" };
const note = (id: string): NoteWithId => ({ id, track: "melody", pitch: 60, start: 0, duration: 480, velocity: 80 });

describe("review filter", () => {
  const provenance = new Map<string, Provenance>([["a", ada], ["m", fim]]);
  const keyOf = (n: NoteWithId) => authorKeyOf(provenance.get(n.id));

  it("shows only one author's notes, or everyone's", () => {
    const notes = [note("a"), note("m"), note("x")];
    expect(filterByAuthor(notes, keyOf, "model:fim").map((n) => n.id)).toEqual(["m"]);
    expect(filterByAuthor(notes, keyOf, "human:u1").map((n) => n.id)).toEqual(["a"]);
    expect(filterByAuthor(notes, keyOf, ALL_AUTHORS)).toBe(notes);
  });

  it("offers every author once, by name", () => {
    expect(authorOptions(provenance, new Map([["u1", "Ada"]]), [{ key: "human:u2", name: "Bo" }, { key: "human:u1", name: "Ada" }])).toEqual([
      { key: "human:u1", name: "Ada" },
      { key: "human:u2", name: "Bo" },
      { key: "model:fim", name: "fim" },
    ]);
  });
});
