import { and, asc, eq, gt } from "drizzle-orm";
import { z } from "zod";
import { generations, noteLedger, users } from "../../../db/schema";
import { docMaps, type Provenance } from "../../../lib/doc-schema";
import { checkConsistency } from "../../authorship/consistency";
import { loadNoteHistory } from "../../authorship/load-history";
import { ledgerColumns, loadReport, loadReportInput } from "../../authorship/load-report";
import { authorFromProvenance, authorsFromLedger, computeShares } from "../../../lib/authorship/shares";
import { peopleOfPiece } from "../../authorship/people";
import { requireRole } from "../membership";
import { createTRPCRouter, protectedProcedure } from "../trpc";

const pieceId = z.string().min(1).max(64);
const noteId = z.string().min(1).max(64);

export const authorshipRouter = createTRPCRouter({
  /** For the notes in the piece now: how many each person and each model wrote, and their share. */
  shares: protectedProcedure.input(z.object({ pieceId })).query(async ({ ctx, input }) => {
    await requireRole(ctx, input.pieceId, "viewer");
    const { noteIds, provenance } = await ctx.collab.readDoc(input.pieceId, (doc) => {
      const maps = docMaps(doc);
      return { noteIds: [...maps.notes.keys()], provenance: new Map<string, Provenance>(maps.provenance.entries()) };
    });
    const rows = await ctx.db
      .select({
        seq: noteLedger.seq,
        noteId: noteLedger.noteId,
        authorKind: noteLedger.authorKind,
        actorId: noteLedger.actorId,
        actorName: users.name,
        model: generations.model,
        modelVersion: generations.modelVersion,
      })
      .from(noteLedger)
      .innerJoin(users, eq(users.id, noteLedger.actorId))
      .leftJoin(generations, eq(generations.id, noteLedger.generationId))
      .where(and(eq(noteLedger.pieceId, input.pieceId), eq(noteLedger.action, "create")));
    // The ledger is the record; the document's provenance covers notes whose ledger rows are not saved yet.
    const fromLedger = authorsFromLedger(rows);
    const people = await peopleOfPiece(ctx.db, rows, provenance);
    return computeShares(noteIds, (id) => {
      const p = provenance.get(id);
      return fromLedger.get(id) ?? (p ? authorFromProvenance(p, people) : undefined);
    });
  }),

  /**
   * The piece's change history (or one note's), oldest first, with names; page with afterSeq. `generationMode` says
   * where a row's generation came from: "jam" for both the leader's and the model's notes of a kept jam take.
   */
  ledger: protectedProcedure
    .input(
      z.object({
        pieceId,
        noteId: z.string().min(1).max(64).optional(),
        afterSeq: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(1000).default(200),
      }),
    )
    .query(async ({ ctx, input }) => {
      await requireRole(ctx, input.pieceId, "viewer");
      return ctx.db
        .select({ ...ledgerColumns, model: generations.model, modelVersion: generations.modelVersion, generationMode: generations.mode })
        .from(noteLedger)
        .innerJoin(users, eq(users.id, noteLedger.actorId))
        .leftJoin(generations, eq(generations.id, noteLedger.generationId))
        .where(
          and(
            eq(noteLedger.pieceId, input.pieceId),
            input.noteId ? eq(noteLedger.noteId, input.noteId) : undefined,
            input.afterSeq !== undefined ? gt(noteLedger.seq, input.afterSeq) : undefined,
          ),
        )
        .orderBy(asc(noteLedger.seq))
        .limit(input.limit);
    }),

  /** The contribution report: per person and per model, shares, bar dominance, acceptance, timeline. */
  report: protectedProcedure.input(z.object({ pieceId })).query(async ({ ctx, input }) => {
    await requireRole(ctx, input.pieceId, "viewer");
    return loadReport(ctx.db, ctx.collab, input.pieceId);
  }),

  /** One note's provenance: who wrote it (or which model, at whose request, accepted by whom) and every change since. */
  noteHistory: protectedProcedure.input(z.object({ pieceId, noteId })).query(async ({ ctx, input }) => {
    await requireRole(ctx, input.pieceId, "viewer");
    return loadNoteHistory(ctx.db, ctx.collab, input.pieceId, input.noteId);
  }),

  /** Replays the ledger and compares the notes it ends with against the shared document. */
  consistency: protectedProcedure.input(z.object({ pieceId })).query(async ({ ctx, input }) => {
    await requireRole(ctx, input.pieceId, "viewer");
    const { ledger, notes } = await loadReportInput(ctx.db, ctx.collab, input.pieceId);
    return checkConsistency(ledger, notes);
  }),
});
