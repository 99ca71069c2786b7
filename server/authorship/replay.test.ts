import { describe, expect, it } from "vitest";
import type { Note } from "../../lib/doc-schema";
import { notesAt } from "../../lib/authorship/replay-frames";
import type { ReportLedgerRow } from "../../lib/authorship/report-types";
import { replayFrames } from "./replay";

const n = (pitch: number): Note => ({ track: "melody", pitch, start: 0, duration: 480, velocity: 80 });
let seq = 0;
const row = (noteId: string, actor: string, action: ReportLedgerRow["action"], after: Note | null, extra: Partial<ReportLedgerRow> = {}): ReportLedgerRow => ({
  seq: ++seq, noteId, action, authorKind: "human", actorId: actor.toLowerCase(), actorName: actor, generationId: null, operationId: null, before: null, after, at: new Date(seq * 1000), ...extra,
});

describe("replay", () => {
  const rows = [
    row("a", "Ada", "create", n(60)),
    row("m", "Bo", "create", n(70), { authorKind: "model", generationId: "g1" }),
    row("m", "Ada", "update", n(72)),
    row("a", "Bo", "delete", null),
  ];
  const gens = [{ id: "g1", model: "fim", modelVersion: "1", requestedBy: "bo", requestedByName: "Bo", candidateCount: 1, outcome: "accepted" as const, createdAt: new Date(0) }];
  const frames = replayFrames(rows, gens);

  it("keys each change by the note's author, not by who made the change", () => {
    expect(frames.authors).toEqual([
      { key: "human:ada", kind: "human", name: "Ada" },
      { key: "model:fim", kind: "model", name: "fim" },
    ]);
    expect(frames.changes.map((c) => [c.author, c.by])).toEqual([
      ["human:ada", "Ada"],
      ["model:fim", "Bo, accepting fim"],
      ["model:fim", "Ada"],
      ["human:ada", "Bo"],
    ]);
  });

  it("rebuilds the notes as they were at any moment", () => {
    const [s1, s2, s3, s4] = frames.changes.map((c) => c.seq);
    expect(notesAt(frames.changes, s1 - 1)).toEqual([]);
    expect(notesAt(frames.changes, s1)).toEqual([{ ...n(60), id: "a", author: "human:ada" }]);
    expect(notesAt(frames.changes, s2).map((x) => x.pitch)).toEqual([60, 70]);
    expect(notesAt(frames.changes, s3).map((x) => x.pitch)).toEqual([60, 72]);
    expect(notesAt(frames.changes, s4)).toEqual([{ ...n(72), id: "m", author: "model:fim" }]);
  });
});
