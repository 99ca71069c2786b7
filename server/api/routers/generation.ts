import { randomInt } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { pieceTonic, withMood } from "../../../lib/controls";
import { generations } from "../../../db/schema";
import { adaptationForGeneration } from "../../adaptation/use";
import { docMaps, readMeta, readNotes, readTracks, type GenerationView, type Note } from "../../../lib/doc-schema";
import { GENERATION_LIMITS, settingsToRun, type GenerationSettings } from "../../../lib/generation";
import type { AcceptedNotes, ModelAttribution, Region } from "../../services";
import { generationRequestInput, pieceIdInput, type GenerationRequestInput } from "../generation-input";
import { resolveRegion } from "../generation-region";
import { linePositionViews } from "../generation-line";
import { describeFailure, errorMessage, generateWithTimeout, shownCandidates, streamCandidates } from "../generation-run";
import { newId } from "../ids";
import { requireRole } from "../membership";
import { createTRPCRouter, protectedProcedure, type ProtectedContext } from "../trpc";

const generationRef = z.object({ pieceId: pieceIdInput, generationId: z.string().min(1).max(64) });

export const generationRouter = createTRPCRouter({
  /**
   * Runs the model over a region and shows its candidates to everyone in the piece as ghost notes.
   * The piece's notes are untouched until someone accepts a candidate.
   */
  request: protectedProcedure.input(generationRequestInput).mutation(async ({ ctx, input }) => {
    await requireRole(ctx, input.pieceId, "editor");
    const adapted = input.adaptationId ? await adaptationForGeneration(ctx.db, ctx.user.id, input.adaptationId) : null;
    const doc = await ctx.collab.readDoc(input.pieceId, (d) => ({ notes: readNotes(d), tracks: readTracks(d), meta: readMeta(d) }));
    const checked = resolveRegion(input, { trackIds: doc.tracks.map((t) => t.id), meta: doc.meta, notes: doc.notes });
    if (!checked.ok) throw new TRPCError({ code: "BAD_REQUEST", message: checked.message });
    const region = checked.region;
    const [model] = ctx.inference.models();
    if (!model) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "No model is running for this server: with REDIS_URL set, start an inference worker (npm run worker)" });

    // A mood's mode lands on the piece's own tonic; the settings recorded are the controls the model was given.
    const controls = withMood(input.mood, input.controls ?? {}, pieceTonic(doc.notes, doc.tracks));
    const settings: GenerationSettings = { ...settingsToRun({ ...input, controls }, randomInt(0, 2 ** 32 - 1)), controls };
    const id = newId();
    const view: GenerationView = {
      id,
      mode: input.mode,
      requestedBy: ctx.user.id,
      requestedByName: ctx.user.name,
      status: "running",
      region,
      candidates: [],
      createdAt: Date.now(),
    };
    // With other app processes, known to run here until its last view is written, so that a process loading the
    // piece meanwhile does not take its running view for a dead process's (generation-homes.ts).
    const ended = await ctx.generationHomes?.start(id, input.pieceId);
    try {
      // The view goes out with its place in line, and follows it until the model takes it.
      const positions = linePositionViews((queuePosition) => ctx.collab.putGenerationView(input.pieceId, { ...view, queuePosition }));
      const place = await ctx.generationLine.join(ctx.user.id, id, positions.onPosition); // over the cap: refused, nothing recorded
      // The recorded settings name the adaptation and whose music it learned from: what credit reads later.
      const recorded = adapted ? { ...settings, adaptation: adapted.credit } : settings;
      await recordGeneration(ctx, { id, input, region, settings: recorded, model }).catch((e: unknown) => {
        place.leave();
        throw e;
      });
      const partials = streamCandidates(settings.candidates, {
        append: (parts, seq) => ctx.collab.appendCandidateNotes(input.pieceId, id, parts, seq),
        clear: () => ctx.collab.clearCandidateNotes(input.pieceId, id),
      });
      let started = performance.now();
      try {
        await positions.open();
        await place.turn;
        await positions.stop();
        started = performance.now();
        await ctx.collab.putGenerationView(input.pieceId, view);
        // Read again: the music may have changed while the request waited.
        const now = await ctx.collab.readDoc(input.pieceId, (d) => ({ notes: readNotes(d), tracks: readTracks(d), meta: readMeta(d) }));
        const result = await generateWithTimeout(
          ctx.inference,
          { ...settings, mode: input.mode, notes: now.notes, tracks: now.tracks, meta: now.meta, region, onNote: partials.onNote, onRestart: partials.restart, style: adapted?.style, network: adapted?.network, generationId: id },
          ctx.generationTimeoutMs ?? GENERATION_LIMITS.timeoutMs.default,
        );
        place.leave();
        await partials.stop();
        const candidates = shownCandidates(result.candidates, region);
        const { latencyMs, model: ran } = result;
        const still = await finish(ctx, id, { outcome: "ready", candidateCount: candidates.length, latencyMs, model: ran.name, modelVersion: ran.version });
        // Discarded while it ran: the view is gone and stays gone.
        if (still) await ctx.collab.putGenerationView(input.pieceId, { ...view, status: "ready", candidates, ...(result.worker ? { worker: result.worker } : {}) });
        return { generationId: id, candidates };
      } catch (err) {
        place.leave();
        await positions.stop();
        await partials.stop();
        const failure = err instanceof TRPCError ? { code: err.code, message: err.message } : describeFailure(err, ctx.generationTimeoutMs ?? GENERATION_LIMITS.timeoutMs.default);
        const still = await finish(ctx, id, { outcome: "failed", latencyMs: performance.now() - started, error: failure.message });
        if (still) {
          // Best effort: the row already records the failure, and the caller gets the error below.
          await ctx.collab
            .putGenerationView(input.pieceId, { ...view, status: "failed", error: failure.message, candidates: [] })
            .catch(() => undefined);
        }
        throw new TRPCError({ code: failure.code, message: failure.message, cause: err });
      }
    } finally {
      await ended?.();
    }
  }),

  /** Writes one candidate into the piece, attributed to the model and to the person accepting it. */
  accept: protectedProcedure
    .input(generationRef.extend({ candidateIndex: z.number().int().min(0).max(GENERATION_LIMITS.candidates.max - 1) }))
    .mutation(async ({ ctx, input }) => {
      await requireRole(ctx, input.pieceId, "editor");
      const row = await loadGeneration(ctx, input.pieceId, input.generationId);
      if (row.outcome !== "ready") {
        throw new TRPCError({ code: "BAD_REQUEST", message: `This generation is ${row.outcome}; only a ready one can be accepted` });
      }
      const view = await ctx.collab.readDoc(input.pieceId, (d) => docMaps(d).generations.get(input.generationId));
      const candidates = view?.candidates;
      const notes: Note[] | undefined = candidates?.[input.candidateIndex];
      if (!notes) {
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: `Candidate ${input.candidateIndex} does not exist; this generation has ${candidates?.length ?? 0}`,
        });
      }
      // Claim the generation first so two people accepting at once cannot both write it.
      const claimed = await ctx.db
        .update(generations)
        .set({ outcome: "accepted", acceptedCandidate: input.candidateIndex, decidedBy: ctx.user.id, decidedAt: new Date() })
        .where(and(eq(generations.id, row.id), eq(generations.outcome, "ready")))
        .returning({ id: generations.id });
      if (claimed.length === 0) throw new TRPCError({ code: "BAD_REQUEST", message: "This generation was just decided by someone else" });

      const by: ModelAttribution = {
        userId: ctx.user.id,
        userName: ctx.user.name,
        generationId: row.id,
        model: row.model,
        version: row.modelVersion,
      };
      let written: AcceptedNotes;
      try {
        written = await ctx.collab.acceptNotes(input.pieceId, notes, by, view!.region);
      } catch (err) {
        await ctx.db
          .update(generations)
          .set({ outcome: "ready", acceptedCandidate: null, decidedBy: null, decidedAt: null })
          .where(eq(generations.id, row.id));
        throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: `Could not write the notes into the piece: ${errorMessage(err)}`, cause: err });
      }
      await ctx.collab.removeGenerationView(input.pieceId, row.id);
      // What the accepter's client needs to undo (and redo) the accept as one step of their own.
      return { generationId: row.id, noteIds: written.noteIds, added: written.added, agreed: written.agreed, replaced: written.replaced };
    }),

  /** Hides a generation's ghost notes; a running one is marked so its result is never shown. */
  discard: protectedProcedure.input(generationRef).mutation(async ({ ctx, input }) => {
    await requireRole(ctx, input.pieceId, "editor");
    const row = await loadGeneration(ctx, input.pieceId, input.generationId);
    if (row.outcome === "accepted") throw new TRPCError({ code: "BAD_REQUEST", message: "This generation was already accepted" });
    // A failed generation keeps its outcome (and error) for the record; only its view goes.
    await ctx.db
      .update(generations)
      .set({ outcome: "discarded", decidedBy: ctx.user.id, decidedAt: new Date() })
      .where(and(eq(generations.id, row.id), inArray(generations.outcome, ["running", "ready"])));
    ctx.generationLine.withdraw(row.id);
    await ctx.collab.removeGenerationView(input.pieceId, row.id);
    return { generationId: row.id };
  }),
});

/** The generation's row, running from now on (the startup sweep fails any a stopped server left running). */
async function recordGeneration(
  ctx: ProtectedContext,
  g: { id: string; input: GenerationRequestInput; region: Region; settings: GenerationSettings & { adaptation?: unknown }; model: { name: string; version: string } },
) {
  await ctx.db.insert(generations).values({
    id: g.id,
    pieceId: g.input.pieceId,
    requestedBy: ctx.user.id,
    mode: g.input.mode,
    region: g.region,
    settings: g.settings,
    model: g.model.name,
    modelVersion: g.model.version,
    candidateCount: g.settings.candidates,
  });
}

async function loadGeneration(ctx: ProtectedContext, pieceId: string, generationId: string) {
  const [row] = await ctx.db
    .select()
    .from(generations)
    .where(and(eq(generations.id, generationId), eq(generations.pieceId, pieceId)));
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: `Generation ${generationId} not found in this piece` });
  return row;
}

/** Records how a running generation ended; false when it was discarded meanwhile. */
async function finish(
  ctx: ProtectedContext,
  id: string,
  set: Partial<typeof generations.$inferInsert> & { outcome: "ready" | "failed" },
): Promise<boolean> {
  const rows = await ctx.db
    .update(generations)
    .set(set)
    .where(and(eq(generations.id, id), eq(generations.outcome, "running")))
    .returning({ id: generations.id });
  return rows.length > 0;
}
