/**
 * Undo by author, planned as pure functions over the ledger and the notes in the document now:
 * "remove everything model M generated that no person has touched since", "revert Y's changes in
 * bars A to B", and the undo of either (which is itself undoable). A plan is a list of note changes,
 * each naming the value it expects the note to hold, so a note someone changes in the meantime is
 * left alone rather than overwritten.
 */
import type { Note } from "../../lib/doc-schema";
import { barOfTick, type Meter } from "../../lib/time";
import type { ReportGeneration, ReportLedgerRow } from "../../lib/authorship/report-types";
import { sameJson } from "../collab/validate";

export interface NoteChange {
  noteId: string;
  /** What the note must hold for the change to apply (null: absent). */
  expected: Note | null;
  /** What it becomes (null: removed). */
  next: Note | null;
}

export interface SkippedNote {
  noteId: string;
  reason: string;
}

export interface Plan {
  changes: NoteChange[];
  skipped: SkippedNote[];
}

/** Who ran an operation and which: the attribution of every ledger row it writes. */
export interface OperationAttribution {
  userId: string;
  userName: string;
  operationId: string;
}

type Rows = readonly ReportLedgerRow[];
type DocNotes = ReadonlyMap<string, Note>;

function rowsByNote(ledger: Rows): Map<string, ReportLedgerRow[]> {
  const byNote = new Map<string, ReportLedgerRow[]>();
  for (const r of [...ledger].sort((a, b) => a.seq - b.seq)) {
    let list = byNote.get(r.noteId);
    if (!list) byNote.set(r.noteId, (list = []));
    list.push(r);
  }
  return byNote;
}

/** The model's notes still in the piece exactly as accepted: one create row, no later row, and the document agrees. */
export function planRemoveModelUntouched(ledger: Rows, notes: DocNotes, generations: readonly ReportGeneration[], model: string, version?: string): Plan {
  const gens = new Map(generations.map((g) => [g.id, g]));
  const plan: Plan = { changes: [], skipped: [] };
  for (const [noteId, rows] of rowsByNote(ledger)) {
    const [first] = rows;
    const g = first.generationId ? gens.get(first.generationId) : undefined;
    if (first.action !== "create" || first.authorKind !== "model" || g?.model !== model) continue;
    if (version !== undefined && g.modelVersion !== version) continue;
    const current = notes.get(noteId);
    if (!current) continue; // gone already
    if (rows.length > 1 || !sameJson(current, first.after)) {
      plan.skipped.push({ noteId, reason: "a person has changed it since it was accepted" });
      continue;
    }
    plan.changes.push({ noteId, expected: current, next: null });
  }
  return plan;
}

/**
 * Y's changes to notes in bars [startBar, endBar): each note goes back to what it was before Y's latest
 * run of changes to it. A note someone else changed after Y is skipped (reverting would undo their work too).
 */
export function planRevertAuthor(ledger: Rows, notes: DocNotes, actorId: string, startBar: number, endBar: number, meter: Meter): Plan {
  const plan: Plan = { changes: [], skipped: [] };
  const inRange = (n: Note | null) => n !== null && barOfTick(n.start, meter) >= startBar && barOfTick(n.start, meter) < endBar;
  for (const [noteId, rows] of rowsByNote(ledger)) {
    const mine = rows.filter((r) => r.actorId === actorId);
    if (!mine.some((r) => inRange(r.before) || inRange(r.after))) continue;
    let tailStart = rows.length;
    while (tailStart > 0 && rows[tailStart - 1].actorId === actorId) tailStart--;
    const tail = rows.slice(tailStart);
    if (tail.length === 0 || !tail.some((r) => inRange(r.before) || inRange(r.after))) {
      plan.skipped.push({ noteId, reason: "someone else has changed it since" });
      continue;
    }
    const current = notes.get(noteId) ?? null;
    if (!sameJson(current, tail.at(-1)!.after)) {
      plan.skipped.push({ noteId, reason: "it has a change that is not saved yet" });
      continue;
    }
    const target = tail[0].before;
    if (!sameJson(current, target)) plan.changes.push({ noteId, expected: current, next: target });
  }
  return plan;
}

/** The inverse of an operation's rows: each note goes back to its `before`, if it still holds the operation's `after`. */
export function planUndo(operationRows: Rows, notes: DocNotes): Plan {
  const plan: Plan = { changes: [], skipped: [] };
  for (const [noteId, rows] of rowsByNote(operationRows)) {
    const current = notes.get(noteId) ?? null;
    const last = rows.at(-1)!;
    if (!sameJson(current, last.after)) {
      plan.skipped.push({ noteId, reason: "it has changed since" });
      continue;
    }
    plan.changes.push({ noteId, expected: current, next: rows[0].before });
  }
  return plan;
}
