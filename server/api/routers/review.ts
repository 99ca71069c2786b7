/**
 * Review tools: undo by author ("remove what model M wrote that nobody touched", "revert Y's changes in
 * bars A to B", each undoable in turn) and the history replay the review mode scrubs through.
 */
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { authorOperations, users } from "../../../db/schema";
import { readGenerations, readLedgerRows } from "../../authorship/load-report";
import { listOperations, NothingToDoError, planOperation, runOperation, type OperationSpec } from "../../authorship/run-operation";
import { planRemoveModelUntouched, planRevertAuthor, planUndo } from "../../authorship/undo-by-author";
import { replayFrames } from "../../authorship/replay";
import { newId } from "../ids";
import { requireRole } from "../membership";
import { createTRPCRouter, protectedProcedure, type ProtectedContext } from "../trpc";

const pieceId = z.string().min(1).max(64);
const bar = z.number().int().min(0).max(100_000);

const removeModelInput = z.object({ pieceId, model: z.string().min(1).max(100), version: z.string().min(1).max(40).optional() });
const revertAuthorInput = z.object({ pieceId, userId: z.string().min(1).max(64), startBar: bar, endBar: bar });
const lastBarAfterFirst = (i: { startBar: number; endBar: number }) => i.endBar > i.startBar;
const lastBarMessage = { message: "The last bar must come after the first", path: ["endBar"] };
const undoOperationInput = z.object({ pieceId, operationId: z.string().min(1).max(64) });

/** Removes every note model M (optionally one version) wrote that no person has touched since it was accepted. */
function removeModelSpec(input: z.infer<typeof removeModelInput>): OperationSpec {
  const name = `${input.model}${input.version ? ` ${input.version}` : ""}`;
  return {
    kind: "remove-model-untouched",
    params: { model: input.model, version: input.version ?? null },
    label: `Removed ${name}'s untouched notes`,
    nothing: `No notes by ${name} are left that nobody has touched`,
    plan: (i, notes) => planRemoveModelUntouched(i.ledger, notes, i.generations, input.model, input.version),
  };
}

/** Puts every note person Y changed in bars [startBar, endBar) back as it was before Y's changes. */
async function revertAuthorSpec(ctx: ProtectedContext, input: z.infer<typeof revertAuthorInput>): Promise<OperationSpec> {
  const [person] = await ctx.db.select({ name: users.name }).from(users).where(eq(users.id, input.userId));
  if (!person) throw new TRPCError({ code: "NOT_FOUND", message: "That person is not known" });
  const bars = input.endBar - input.startBar === 1 ? `bar ${input.startBar + 1}` : `bars ${input.startBar + 1}–${input.endBar}`;
  return {
    kind: "revert-author",
    params: { userId: input.userId, startBar: input.startBar, endBar: input.endBar },
    label: `Reverted ${person.name}'s changes in ${bars}`,
    nothing: `${person.name} has no changes in ${bars} that can be reverted`,
    plan: (i, notes) => planRevertAuthor(i.ledger, notes, input.userId, input.startBar, input.endBar, i.meter),
  };
}

/** Undoes an operation (an undo too, which redoes): each note it changed goes back, unless it changed since. */
async function undoSpec(ctx: ProtectedContext, input: z.infer<typeof undoOperationInput>): Promise<OperationSpec> {
  const [op] = await ctx.db
    .select()
    .from(authorOperations)
    .where(and(eq(authorOperations.id, input.operationId), eq(authorOperations.pieceId, input.pieceId)));
  if (!op) throw new TRPCError({ code: "NOT_FOUND", message: "No such operation on this piece" });
  const [undone] = await ctx.db.select({ id: authorOperations.id }).from(authorOperations).where(eq(authorOperations.undoes, op.id));
  if (undone) throw new TRPCError({ code: "CONFLICT", message: `"${op.label}" has already been undone` });
  return {
    kind: "undo",
    params: { operationId: op.id },
    label: `Undid "${op.label}"`,
    undoes: op.id,
    nothing: `Nothing of "${op.label}" can be undone: every note it changed has changed again since`,
    plan: (i, notes) => planUndo(i.ledger.filter((r) => r.operationId === op.id), notes),
  };
}

/** One of the three operations, for the preview. */
const operationInput = z.discriminatedUnion("kind", [
  removeModelInput.extend({ kind: z.literal("remove-model-untouched") }),
  revertAuthorInput.extend({ kind: z.literal("revert-author") }).refine(lastBarAfterFirst, lastBarMessage),
  undoOperationInput.extend({ kind: z.literal("undo") }),
]);

function specOf(ctx: ProtectedContext, input: z.infer<typeof operationInput>): OperationSpec | Promise<OperationSpec> {
  if (input.kind === "remove-model-untouched") return removeModelSpec(input);
  if (input.kind === "revert-author") return revertAuthorSpec(ctx, input);
  return undoSpec(ctx, input);
}

export const reviewRouter = createTRPCRouter({
  /** Undo-by-author operations on the piece, newest first. */
  operations: protectedProcedure.input(z.object({ pieceId })).query(async ({ ctx, input }) => {
    await requireRole(ctx, input.pieceId, "viewer");
    return listOperations(ctx.db, input.pieceId);
  }),

  /**
   * What an operation would change if it ran now, changing nothing: which notes it would remove, put back or
   * change, so the person can be asked first when those are other people's notes.
   */
  preview: protectedProcedure.input(operationInput).query(async ({ ctx, input }) => {
    await requireRole(ctx, input.pieceId, "editor");
    const spec = await specOf(ctx, input);
    const plan = await planOperation(ctx.db, ctx.collab, input.pieceId, spec);
    return {
      label: spec.label,
      nothing: plan.changes.length === 0 ? spec.nothing : null,
      changes: plan.changes.map((c) => ({ noteId: c.noteId, change: c.next === null ? "remove" : c.expected === null ? "restore" : "change" }) as const),
      skipped: plan.skipped.length,
    };
  }),

  removeModelNotes: protectedProcedure.input(removeModelInput).mutation(async ({ ctx, input }) => {
    await requireRole(ctx, input.pieceId, "editor");
    return run(ctx, input.pieceId, removeModelSpec(input));
  }),

  revertAuthor: protectedProcedure.input(revertAuthorInput.refine(lastBarAfterFirst, lastBarMessage)).mutation(async ({ ctx, input }) => {
    await requireRole(ctx, input.pieceId, "editor");
    return run(ctx, input.pieceId, await revertAuthorSpec(ctx, input));
  }),

  undoOperation: protectedProcedure.input(undoOperationInput).mutation(async ({ ctx, input }) => {
    await requireRole(ctx, input.pieceId, "editor");
    return run(ctx, input.pieceId, await undoSpec(ctx, input));
  }),

  /** The piece's history as frames for the replay scrubber: each note's value after each change, with its author. */
  replay: protectedProcedure.input(z.object({ pieceId })).query(async ({ ctx, input }) => {
    await requireRole(ctx, input.pieceId, "viewer");
    await ctx.collab.flushAll().catch(() => {});
    const [ledger, generations] = await Promise.all([readLedgerRows(ctx.db, input.pieceId), readGenerations(ctx.db, input.pieceId)]);
    return replayFrames(ledger, generations);
  }),
});

async function run(ctx: ProtectedContext, pieceId: string, spec: OperationSpec) {
  try {
    return await runOperation(ctx.db, ctx.collab, pieceId, ctx.user, newId(), spec);
  } catch (err) {
    if (err instanceof NothingToDoError) throw new TRPCError({ code: "BAD_REQUEST", message: err.message, cause: err });
    if (isUniqueViolation(err)) throw new TRPCError({ code: "CONFLICT", message: "That operation has just been undone by someone else", cause: err });
    throw err;
  }
}

const isUniqueViolation = (err: unknown): boolean => {
  const cause = (err as { cause?: { code?: string } })?.cause;
  return (err as { code?: string })?.code === "23505" || cause?.code === "23505";
};
