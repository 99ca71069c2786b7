import { describe, expect, it } from "vitest";
import type { Note } from "../../lib/doc-schema";
import { ledgerEntry } from "./ledger";

const note: Note = { track: "melody", pitch: 60, start: 0, duration: 480, velocity: 90 };
const human = { authorKind: "human" as const, actorId: "u1" };

describe("ledgerEntry", () => {
  it("names the action from what was there before and after", () => {
    expect(ledgerEntry("p", "n", undefined, note, human)?.action).toBe("create");
    expect(ledgerEntry("p", "n", note, { ...note, pitch: 61 }, human)?.action).toBe("update");
    expect(ledgerEntry("p", "n", note, undefined, human)).toMatchObject({ action: "delete", before: note, after: null });
  });

  it("records nothing when nothing changed", () => {
    expect(ledgerEntry("p", "n", undefined, undefined, human)).toBeNull();
    expect(ledgerEntry("p", "n", note, { ...note }, human)).toBeNull();
  });

  it("carries the generation for model notes", () => {
    expect(ledgerEntry("p", "n", undefined, note, { authorKind: "model", actorId: "u1", generationId: "g1" })).toEqual({
      pieceId: "p",
      noteId: "n",
      action: "create",
      authorKind: "model",
      actorId: "u1",
      generationId: "g1",
      before: null,
      after: note,
    });
  });
});
