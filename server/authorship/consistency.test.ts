import { describe, expect, it } from "vitest";
import type { Note } from "../../lib/doc-schema";
import type { ReportLedgerRow } from "../../lib/authorship/report-types";
import { checkConsistency, replayLedger } from "./consistency";

const n = (o: Partial<Note> = {}): Note => ({ track: "melody", pitch: 60, start: 0, duration: 480, velocity: 80, ...o });
let seq = 0;
const row = (noteId: string, action: ReportLedgerRow["action"], before: Note | null, after: Note | null): ReportLedgerRow => ({
  seq: ++seq, noteId, action, authorKind: "human", actorId: "u", actorName: "U", generationId: null, operationId: null, before, after, at: new Date(0),
});

describe("ledger consistency", () => {
  const rows = [row("a", "create", null, n()), row("b", "create", null, n({ pitch: 64 })), row("a", "update", n(), n({ start: 480 })), row("b", "delete", n({ pitch: 64 }), null)];

  it("replays creates, updates and deletes to the live notes", () => {
    const { notes, brokenChain } = replayLedger(rows);
    expect([...notes]).toEqual([["a", n({ start: 480 })]]);
    expect(brokenChain).toEqual([]);
  });

  it("finds no drift when the document agrees", () => {
    expect(checkConsistency(rows, [{ ...n({ start: 480 }), id: "a" }])).toMatchObject({ ok: true, drift: [], ledgerNotes: 1, docNotes: 1, ledgerRows: 4 });
  });

  it("reports each kind of drift", () => {
    const report = checkConsistency(rows, [{ ...n({ start: 480, pitch: 61, duration: 10 }), id: "a" }, { ...n(), id: "ghost" }]);
    expect(report.ok).toBe(false);
    expect(report.drift).toEqual([
      { noteId: "a", problem: "different", fields: ["pitch", "duration"], ledger: n({ start: 480 }), doc: n({ start: 480, pitch: 61, duration: 10 }) },
      { noteId: "ghost", problem: "missing-from-ledger", fields: [], ledger: null, doc: n() },
    ]);
    expect(checkConsistency(rows, []).drift).toEqual([{ noteId: "a", problem: "missing-from-doc", fields: [], ledger: n({ start: 480 }), doc: null }]);
  });

  it("flags a row whose before is not what the ledger had", () => {
    const broken = [...rows, row("a", "update", n({ start: 999 }), n({ start: 0 }))];
    expect(checkConsistency(broken, [{ ...n(), id: "a" }]).brokenChain).toEqual([broken.at(-1)!.seq]);
  });
});
