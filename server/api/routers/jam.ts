import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { readMeta, readNotes, readTracks } from "../../../lib/doc-schema";
import { jamClock } from "../../../lib/jam/plan";
import { jamSettingsSchema } from "../../../lib/jam/settings";
import { COUNT_IN_BARS, playedNoteSchema } from "../../../lib/jam/view";
import { JamUnreachableError } from "../../jam/bus";
import { JamConflictError } from "../../jam/types";
import { pieceIdInput } from "../generation-input";
import { checkJamSettings, jamOr404, requireJamPlayer, requireLeader, requireLeaderOrOwner } from "../jam-access";
import { keepJam } from "../jam-keep";
import { requireRole } from "../membership";
import { createTRPCRouter, protectedProcedure } from "../trpc";

/** The most notes one play() carries: a player sends what it heard every few beats. */
export const MAX_PLAYED_BATCH = 64;

const jamRef = z.object({ pieceId: pieceIdInput, jamId: z.string().min(1).max(64) });

/**
 * The jam's refusals as CONFLICT, with their reason; a jam another app process runs that does not answer (bus.ts) as
 * SERVICE_UNAVAILABLE, saying so.
 */
const jamProcedure = protectedProcedure.use(async ({ next }) => {
  const result = await next();
  const cause = result.ok ? null : result.error.cause;
  if (cause instanceof JamConflictError) throw new TRPCError({ code: "CONFLICT", message: cause.message });
  if (cause instanceof JamUnreachableError) throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: cause.message, cause });
  return result;
});

export const jamRouter = createTRPCRouter({
  /** The server's clock, for a player to estimate its offset (the jam's times are the server's). */
  time: protectedProcedure.input(z.object({ pieceId: pieceIdInput })).query(async ({ ctx, input }) => {
    await requireRole(ctx, input.pieceId, "viewer");
    return { serverNow: Date.now() };
  }),

  /** Starts a jam led by the caller: its view appears in the piece's `jams` map; take bar 0 starts after the count-in. */
  start: jamProcedure.input(z.object({ pieceId: pieceIdInput, settings: jamSettingsSchema })).mutation(async ({ ctx, input }) => {
    await requireJamPlayer(ctx, input.pieceId);
    const piece = await ctx.collab.readDoc(input.pieceId, (d) => ({ notes: readNotes(d), tracks: readTracks(d), meta: readMeta(d) }));
    const bad = checkJamSettings(input.settings, piece);
    if (bad) throw new TRPCError({ code: "BAD_REQUEST", message: bad });
    if (ctx.inference.models().length === 0) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "No model is running for this server, so it cannot jam" });
    const serverNow = Date.now();
    const barMs = jamClock(0, input.settings.bpm, piece.meta).barMs;
    const clock = jamClock(serverNow + COUNT_IN_BARS * barMs, input.settings.bpm, piece.meta);
    const jam = await ctx.jams.start({ pieceId: input.pieceId, leader: { id: ctx.user.id, name: ctx.user.name }, settings: input.settings, clock, piece, inference: ctx.inference });
    return { jamId: jam.view.id, clock, serverNow };
  }),

  /**
   * Notes, a batch at a time: the leader's (times on the server's clock), or those of someone who joined to play along
   * (in the jam's time: lib/jam/take.ts Along). The model hears them, everyone sees them.
   */
  play: jamProcedure
    .input(jamRef.extend({ notes: z.array(playedNoteSchema).min(1).max(MAX_PLAYED_BATCH) }))
    .mutation(async ({ ctx, input }) => {
      await requireRole(ctx, input.pieceId, "viewer");
      const jam = jamOr404(await ctx.jams.get(input.pieceId, input.jamId), input.jamId);
      const along = jam.view.alongs?.some((a) => a.userId === ctx.user.id);
      if (along) await requireJamPlayer(ctx, input.pieceId);
      else await requireLeader(ctx, input.pieceId, jam);
      if (jam.view.status !== "playing") throw new TRPCError({ code: "CONFLICT", message: "This jam has stopped; keep or discard the take" });
      if (along) await ctx.jams.playAlong(jam, ctx.user, input.notes);
      else await ctx.jams.play(jam, input.notes);
      return { played: input.notes.length };
    }),

  /** Someone other than the leader plays along on a track of their own: an editor or owner, on a track the jam leaves free. */
  join: jamProcedure.input(jamRef.extend({ track: z.string().min(1).max(64) })).mutation(async ({ ctx, input }) => {
    await requireJamPlayer(ctx, input.pieceId);
    const jam = jamOr404(await ctx.jams.get(input.pieceId, input.jamId), input.jamId);
    const tracks = await ctx.collab.readDoc(input.pieceId, readTracks);
    if (!tracks.some((t) => t.id === input.track)) throw new TRPCError({ code: "BAD_REQUEST", message: `The piece has no track "${input.track}"` });
    await ctx.jams.join(jam, ctx.user, input.track);
    return { track: input.track };
  }),

  /** Stops the jam; the take waits for Keep or Discard (10 minutes, then it is discarded). */
  stop: jamProcedure.input(jamRef).mutation(async ({ ctx, input }) => {
    await requireRole(ctx, input.pieceId, "viewer");
    const jam = jamOr404(await ctx.jams.get(input.pieceId, input.jamId), input.jamId);
    await requireLeaderOrOwner(ctx, input.pieceId, jam);
    await ctx.jams.stop(jam);
    return { jamId: jam.view.id, endedAt: jam.view.endedAt ?? Date.now() };
  }),

  /** Writes the take into the piece (stopping the jam first if it plays): the leader's notes theirs, the model's its own. */
  keep: jamProcedure.input(jamRef).mutation(async ({ ctx, input }) => {
    await requireRole(ctx, input.pieceId, "viewer");
    const jam = jamOr404(await ctx.jams.get(input.pieceId, input.jamId), input.jamId);
    await requireLeaderOrOwner(ctx, input.pieceId, jam);
    await ctx.jams.stop(jam);
    const take = await ctx.jams.claim(jam);
    if (!take) throw new TRPCError({ code: "CONFLICT", message: "This take was just kept or discarded by someone else" });
    try {
      return await keepJam(ctx, jam, take);
    } finally {
      await ctx.jams.discard(jam); // kept or not, the take is done: its view goes
    }
  }),

  /** Ends the jam and removes its view; the piece is left as it was. */
  discard: jamProcedure.input(jamRef).mutation(async ({ ctx, input }) => {
    await requireRole(ctx, input.pieceId, "viewer");
    const jam = jamOr404(await ctx.jams.get(input.pieceId, input.jamId), input.jamId);
    await requireLeaderOrOwner(ctx, input.pieceId, jam);
    await ctx.jams.discard(jam);
    return { jamId: jam.view.id };
  }),
});
