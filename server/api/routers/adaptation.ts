import { TRPCError } from "@trpc/server";
import { and, eq, gt, sql } from "drizzle-orm";
import { z } from "zod";
import { adaptations, adaptationSources, pieceMembers } from "../../../db/schema";
import { requireUsableAdaptation, sourcePieceIds, visibleAdaptations, type AdaptationRow } from "../../adaptation/access";
import { buildAdaptation, type AdaptationMethod, type FineTuneRecord } from "../../adaptation/build";
import type { FineTuneAvailability } from "../../adaptation/fine-tune";
import { pieceIdInput } from "../generation-input";
import { newId } from "../ids";
import { requireRole } from "../membership";
import { createTRPCRouter, protectedProcedure, type ProtectedContext } from "../trpc";

export const ADAPTATION_SOURCES_MAX = 40;
/** A build still "building" after this was cut off (a restart): it no longer holds its maker back. */
const BUILD_STALE_MS = 10 * 60_000;
const adaptationId = z.object({ id: z.string().min(1).max(64) });

/**
 * A fine-tune that kept no step (no step the guard allowed predicted its held-aside pieces clearly better: by
 * FINE_TUNE_DEFAULTS.minGain) stores the model's own weights: worth saying, so nobody expects it to change much.
 */
function learnedNote(row: AdaptationRow): string | null {
  const stats = (row.artifact as Partial<FineTuneRecord> | null)?.stats;
  if (row.method !== "fine-tune" || row.status !== "ready" || !stats || stats.bestStep > 0) return null;
  return "The model already writes these pieces about as well as a fine-tune could teach it without forgetting other styles: this style plays as the model's own.";
}

/** What the client sees of an adaptation: everything but the stored artifact. */
const summary = (row: AdaptationRow, pieceIds: string[], userId: string) => ({
  id: row.id,
  name: row.name,
  method: row.method,
  version: row.version,
  status: row.status,
  progress: row.progress,
  error: row.error,
  note: learnedNote(row),
  mine: row.ownerId === userId,
  pieceIds,
  createdAt: row.createdAt,
});

async function withSources(ctx: ProtectedContext, rows: AdaptationRow[]) {
  return Promise.all(rows.map(async (r) => summary(r, await sourcePieceIds(ctx.db, r.id), ctx.user.id)));
}

const fineTuneAvailable = (ctx: ProtectedContext): Promise<FineTuneAvailability> =>
  ctx.fineTuner ? ctx.fineTuner.available() : Promise.resolve({ ok: false, reason: "This server does not fine-tune models." });

/** The method a build uses: as asked, where the server can; "auto" falls back to the style memory. */
async function chooseMethod(ctx: ProtectedContext, asked: AdaptationMethod | "auto"): Promise<AdaptationMethod> {
  if (asked === "style-memory") return asked;
  const fine = await fineTuneAvailable(ctx);
  if (fine.ok) return "fine-tune";
  if (asked === "auto") return "style-memory";
  throw new TRPCError({ code: "PRECONDITION_FAILED", message: `${fine.reason} Learn it as a style memory instead.` });
}

export const adaptationRouter = createTRPCRouter({
  /**
   * How this server can learn a style: "fine-tune" (method B, the better by measurement: models/adapt/README.md) where
   * it has PyTorch, and "style-memory" (method A) anywhere.
   */
  methods: protectedProcedure.query(async ({ ctx }) => {
    const fine = await fineTuneAvailable(ctx);
    return [
      { method: "fine-tune" as const, available: fine.ok, reason: fine.ok ? null : fine.reason },
      { method: "style-memory" as const, available: true, reason: null },
    ];
  }),

  /**
   * Learns a style from pieces the caller may read; returns at once, the build runs in the background (poll `get`).
   * `method` "auto" fine-tunes where the server can, and keeps a style memory where it cannot.
   */
  create: protectedProcedure
    .input(
      z.object({
        name: z.string().trim().min(1).max(60),
        pieceIds: z.array(pieceIdInput).min(1).max(ADAPTATION_SOURCES_MAX),
        method: z.enum(["auto", "fine-tune", "style-memory"]).default("auto"),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const pieceIds = [...new Set(input.pieceIds)];
      for (const pieceId of pieceIds) await requireRole(ctx, pieceId, "viewer");
      const method = await chooseMethod(ctx, input.method);
      // One build at a time a person: each fit runs the model on a thread of its own.
      const [busy] = await ctx.db
        .select({ name: adaptations.name })
        .from(adaptations)
        .where(and(eq(adaptations.ownerId, ctx.user.id), eq(adaptations.status, "building"), gt(adaptations.createdAt, new Date(Date.now() - BUILD_STALE_MS))));
      if (busy) throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: `“${busy.name}” is still being learned; learn another style when it is ready.` });
      const id = newId();
      await ctx.db.transaction(async (tx) => {
        const [last] = await tx
          .select({ version: sql<number>`coalesce(max(${adaptations.version}), 0)` })
          .from(adaptations)
          .where(and(eq(adaptations.ownerId, ctx.user.id), eq(adaptations.name, input.name)));
        const version = Number(last?.version ?? 0) + 1;
        await tx.insert(adaptations).values({ id, ownerId: ctx.user.id, name: input.name, method, version });
        await tx.insert(adaptationSources).values(pieceIds.map((pieceId, position) => ({ adaptationId: id, pieceId, position })));
      });
      // Not awaited: the request answers now, and the build yields to other requests between pieces.
      void buildAdaptation({ db: ctx.db, collab: ctx.collab, fit: ctx.styleFitter, fineTune: ctx.fineTuner }, id, pieceIds, method);
      const [row] = await ctx.db.select().from(adaptations).where(eq(adaptations.id, id));
      return summary(row!, pieceIds, ctx.user.id);
    }),

  /**
   * The adaptations the caller may use: every one whose source pieces they may all read. With `pieceId`, only
   * "our style" for that piece: those built by its owner or members.
   */
  list: protectedProcedure.input(z.object({ pieceId: pieceIdInput.optional() }).optional()).query(async ({ ctx, input }) => {
    let rows = await visibleAdaptations(ctx.db, ctx.user.id);
    if (input?.pieceId) {
      await requireRole(ctx, input.pieceId, "viewer");
      const members = await ctx.db.select({ userId: pieceMembers.userId }).from(pieceMembers).where(eq(pieceMembers.pieceId, input.pieceId));
      const ours = new Set(members.map((m) => m.userId));
      rows = rows.filter((r) => ours.has(r.ownerId));
    }
    return withSources(ctx, rows);
  }),

  get: protectedProcedure.input(adaptationId).query(async ({ ctx, input }) => {
    const row = await requireUsableAdaptation(ctx.db, ctx.user.id, input.id);
    return summary(row, await sourcePieceIds(ctx.db, row.id), ctx.user.id);
  }),

  /** Deletes the adaptation with its artifact and its list of sources (owner only). */
  delete: protectedProcedure.input(adaptationId).mutation(async ({ ctx, input }) => {
    const [row] = await ctx.db.select({ ownerId: adaptations.ownerId }).from(adaptations).where(eq(adaptations.id, input.id));
    if (!row) throw new TRPCError({ code: "NOT_FOUND", message: `Adaptation ${input.id} not found` });
    if (row.ownerId !== ctx.user.id) throw new TRPCError({ code: "FORBIDDEN", message: "Only the person who made this style may delete it" });
    await ctx.db.delete(adaptations).where(eq(adaptations.id, input.id));
    return { id: input.id };
  }),
});
