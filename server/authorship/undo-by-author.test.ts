import { describe, expect, it } from "vitest";
import type { Note } from "../../lib/doc-schema";
import type { ReportGeneration, ReportLedgerRow } from "../../lib/authorship/report-types";
import { planRemoveModelUntouched, planRevertAuthor, planUndo } from "./undo-by-author";

const n = (start: number, pitch = 60): Note => ({ track: "melody", pitch, start, duration: 480, velocity: 80 });
let seq = 0;
const row = (noteId: string, actorId: string, before: Note | null, after: Note | null, extra: Partial<ReportLedgerRow> = {}): ReportLedgerRow => ({
  seq: ++seq, noteId, action: before === null ? "create" : after === null ? "delete" : "update", authorKind: "human", actorId, actorName: actorId,
  generationId: null, operationId: null, before, after, at: new Date(0), ...extra,
});
const gen = (id: string, model: string, modelVersion = "1"): ReportGeneration => ({
  id, model, modelVersion, requestedBy: "bo", requestedByName: "Bo", candidateCount: 1, outcome: "accepted", createdAt: new Date(0),
});
const meter = { beatsPerBar: 4, beatUnit: 4 }; // 1920 ticks a bar
const fromModel = (g: string) => ({ authorKind: "model" as const, generationId: g });

describe("planRemoveModelUntouched", () => {
  const ledger = [
    row("m1", "bo", null, n(0), fromModel("g1")),
    row("m2", "bo", null, n(480), fromModel("g1")),
    row("m3", "bo", null, n(960), fromModel("g2")),
    row("m2", "ada", n(480), n(480, 62)), // touched
    row("h1", "ada", null, n(0)),
    row("m4", "bo", null, n(1440), fromModel("g1")),
    row("m4", "ada", n(1440), null), // deleted already
  ];
  const notes = new Map([["m1", n(0)], ["m2", n(480, 62)], ["m3", n(960)], ["h1", n(0)]]);

  it("removes only the model's notes nobody touched", () => {
    const plan = planRemoveModelUntouched(ledger, notes, [gen("g1", "fim"), gen("g2", "other")], "fim");
    expect(plan.changes).toEqual([{ noteId: "m1", expected: n(0), next: null }]);
    expect(plan.skipped).toEqual([{ noteId: "m2", reason: "a person has changed it since it was accepted" }]);
  });

  it("can be narrowed to one version, and treats an unsaved change as a touch", () => {
    expect(planRemoveModelUntouched(ledger, notes, [gen("g1", "fim", "2"), gen("g2", "fim", "1")], "fim", "1").changes.map((c) => c.noteId)).toEqual(["m3"]);
    const moved = new Map(notes).set("m1", n(10));
    expect(planRemoveModelUntouched(ledger, moved, [gen("g1", "fim")], "fim").changes).toEqual([]);
  });
});

describe("planRevertAuthor", () => {
  const ledger = [
    row("a", "ada", null, n(0)), // bar 0
    row("b", "bo", null, n(1920 * 4)), // bar 4, Bo's
    row("b", "ada", n(1920 * 4), n(1920 * 5)), // Ada moves Bo's note into bar 5
    row("c", "ada", null, n(1920 * 6)), // bar 6: Ada's, then Bo edits it
    row("c", "bo", n(1920 * 6), n(1920 * 6, 70)),
    row("d", "ada", null, n(1920 * 7)),
    row("d", "ada", n(1920 * 7), null), // Ada wrote and deleted: reverting restores nothing new
    row("e", "bo", null, n(1920 * 5)),
    row("e", "ada", n(1920 * 5), null), // Ada deleted Bo's note
  ];
  const notes = new Map([["a", n(0)], ["b", n(1920 * 5)], ["c", n(1920 * 6, 70)]]);

  it("reverts each of Y's notes in range to before Y's latest run of changes", () => {
    const plan = planRevertAuthor(ledger, notes, "ada", 4, 8, meter);
    expect(plan.changes).toEqual([
      { noteId: "b", expected: n(1920 * 5), next: n(1920 * 4) },
      { noteId: "e", expected: null, next: n(1920 * 5) },
    ]);
    expect(plan.skipped).toEqual([{ noteId: "c", reason: "someone else has changed it since" }]);
  });

  it("leaves notes outside the bars alone", () => {
    expect(planRevertAuthor(ledger, notes, "ada", 0, 1, meter).changes).toEqual([{ noteId: "a", expected: n(0), next: null }]);
    expect(planRevertAuthor(ledger, notes, "ada", 10, 12, meter)).toEqual({ changes: [], skipped: [] });
  });
});

describe("planUndo", () => {
  it("restores each note the operation changed, unless it changed again", () => {
    const op = { operationId: "op1" };
    const rows = [row("x", "ada", n(0), null, op), row("y", "ada", n(480), n(960), op), row("z", "ada", null, n(0), op)];
    const notes = new Map([["y", n(960)], ["z", n(0, 61)]]);
    expect(planUndo(rows, notes)).toEqual({
      changes: [
        { noteId: "x", expected: null, next: n(0) },
        { noteId: "y", expected: n(960), next: n(480) },
      ],
      skipped: [{ noteId: "z", reason: "it has changed since" }],
    });
  });
});
