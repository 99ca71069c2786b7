/**
 * Runs an undo-by-author operation end to end: reads the ledger and the document, plans the changes
 * (pure, undo-by-author.ts), records the operation, and applies the plan through the collab server,
 * which writes the notes and their ledger rows attributed to the person who ran it.
 */
import { and, count, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db";
import { authorOperations, noteLedger, users, type AuthorOperationKind } from "../../db/schema";
import type { Note } from "../../lib/doc-schema";
import type { ReportInput } from "../../lib/authorship/report-types";
import type { Collab, SessionUser } from "../services";
import { loadReportInput } from "./load-report";
import type { Plan } from "./undo-by-author";

export class NothingToDoError extends Error {
  override name = "NothingToDoError";
  constructor(
    message: string,
    readonly skipped: Plan["skipped"],
  ) {
    super(message);
  }
}

export interface OperationSpec {
  kind: AuthorOperationKind;
  params: Record<string, unknown>;
  label: string;
  undoes?: string;
  /** What to say when the plan changes nothing. */
  nothing: string;
  plan(input: ReportInput, notes: ReadonlyMap<string, Note>): Plan;
}

export interface OperationResult {
  operationId: string;
  label: string;
  applied: number;
  skipped: Plan["skipped"];
}

/** What the operation would change now, without changing anything (the confirmation before it runs). */
export async function planOperation(db: Db, collab: Collab, pieceId: string, spec: OperationSpec): Promise<Plan> {
  const input = await loadReportInput(db, collab, pieceId);
  return spec.plan(input, new Map(input.notes.map(({ id, ...n }) => [id, n as Note])));
}

export async function runOperation(db: Db, collab: Collab, pieceId: string, user: SessionUser, operationId: string, spec: OperationSpec): Promise<OperationResult> {
  const plan = await planOperation(db, collab, pieceId, spec);
  if (plan.changes.length === 0) throw new NothingToDoError(spec.nothing, plan.skipped);
  await db.insert(authorOperations).values({
    id: operationId,
    pieceId,
    kind: spec.kind,
    actorId: user.id,
    params: spec.params,
    label: spec.label,
    undoes: spec.undoes ?? null,
    planned: plan.changes.length,
  });
  const applied = await collab.applyNoteChanges(pieceId, plan.changes, { userId: user.id, userName: user.name, operationId });
  const raced = plan.changes.filter((c) => !applied.some((a) => a.noteId === c.noteId)).map((c) => ({ noteId: c.noteId, reason: "it changed while the operation ran" }));
  return { operationId, label: spec.label, applied: applied.length, skipped: [...plan.skipped, ...raced] };
}

/** The piece's operations, newest first, with who ran them, how many notes each changed and whether it was undone. */
export async function listOperations(db: Db, pieceId: string) {
  const ops = await db
    .select({
      id: authorOperations.id,
      kind: authorOperations.kind,
      label: authorOperations.label,
      params: authorOperations.params,
      undoes: authorOperations.undoes,
      actorId: authorOperations.actorId,
      actorName: users.name,
      createdAt: authorOperations.createdAt,
    })
    .from(authorOperations)
    .innerJoin(users, eq(users.id, authorOperations.actorId))
    .where(eq(authorOperations.pieceId, pieceId))
    .orderBy(desc(authorOperations.createdAt));
  const ids = ops.map((o) => o.id);
  const counts = ids.length
    ? await db
        .select({ operationId: noteLedger.operationId, notes: count() })
        .from(noteLedger)
        .where(and(eq(noteLedger.pieceId, pieceId), inArray(noteLedger.operationId, ids)))
        .groupBy(noteLedger.operationId)
    : [];
  const changed = new Map(counts.map((c) => [c.operationId, c.notes]));
  const undoneBy = new Map(ops.filter((o) => o.undoes).map((o) => [o.undoes!, o.id]));
  return ops.map((o) => ({ ...o, notes: changed.get(o.id) ?? 0, undoneBy: undoneBy.get(o.id) ?? null }));
}
