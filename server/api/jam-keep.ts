/**
 * Keep (issue 16, "Shared"): a stopped take written into the piece as a whole. Its generation row (mode "jam",
 * requested by the leader, settings the take's) is recorded first, since every ledger row of the take names it; then
 * one transaction replaces the loop's bars on the jam's tracks with the leader's notes, credited to the leader, and
 * the model's, credited to the model answering the leader.
 */
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { generations } from "../../db/schema";
import { readMeta, type Note } from "../../lib/doc-schema";
import { keepTake, type Take } from "../../lib/jam/take";
import type { LiveJam } from "../jam/types";
import type { ModelAttribution } from "../services";
import { errorMessage } from "./generation-run";
import { newId } from "./ids";
import type { ProtectedContext } from "./trpc";

/** What a kept jam's generation row records as its settings. */
export function jamGenerationSettings(take: Take, pass: number) {
  const s = take.settings;
  return {
    mode: s.mode,
    bpm: s.bpm,
    loop: { startBar: s.startBar, bars: s.bars },
    callBars: s.callBars,
    grid: s.grid,
    controls: s.controls,
    playerTrack: s.playerTrack,
    modelTracks: s.modelTracks,
    pass,
  };
}

export async function keepJam(ctx: ProtectedContext, jam: LiveJam, take: Take) {
  const meta = await ctx.collab.readDoc(jam.pieceId, readMeta);
  const kept = keepTake(take, meta);
  if (kept.player.length + kept.model.length + kept.alongs.length === 0) {
    throw new TRPCError({ code: "BAD_REQUEST", message: "This take has no notes to keep: nobody played, and the model wrote nothing in time" });
  }
  const s = take.settings;
  const id = newId();
  const region = { startBar: s.startBar, endBar: s.startBar + s.bars, pitchLo: 0, pitchHi: 127, trackIds: s.modelTracks };
  await ctx.db.insert(generations).values({
    id,
    pieceId: jam.pieceId,
    requestedBy: jam.leader.id,
    mode: "jam",
    region,
    settings: jamGenerationSettings(take, kept.pass),
    model: jam.model.name,
    modelVersion: jam.model.version,
    candidateCount: 1,
    outcome: "accepted",
    acceptedCandidate: 0,
    decidedBy: ctx.user.id,
    decidedAt: new Date(),
  });
  const by: ModelAttribution = { userId: ctx.user.id, userName: ctx.user.name, generationId: id, model: jam.model.name, version: jam.model.version };
  try {
    const alongs = kept.alongs.map((a) => ({ by: { id: a.userId, name: a.name }, notes: a.notes }));
    const take = { replace: { ...region, trackIds: kept.replace.tracks }, player: kept.player, alongs, model: kept.model };
    const written = await ctx.collab.keepJamTake(jam.pieceId, take, jam.leader, by);
    // What the person who kept it needs to take it back as one undo step: the notes written and those they replaced.
    const withIds = (notes: Note[], ids: string[]) => notes.map((n, i) => ({ ...n, id: ids[i] }));
    const added = [
      ...written.model.added,
      ...withIds(kept.player, written.playerNoteIds),
      ...kept.alongs.flatMap((a, i) => withIds(a.notes, written.alongNoteIds[i])),
    ];
    const alongNoteIds = Object.fromEntries(kept.alongs.map((a, i) => [a.userId, written.alongNoteIds[i]]));
    return { jamId: jam.view.id, generationId: id, pass: kept.pass, playerNoteIds: written.playerNoteIds, alongNoteIds, modelNoteIds: written.model.noteIds, added, replaced: written.model.replaced };
  } catch (err) {
    await ctx.db.update(generations).set({ outcome: "failed", error: `Keep failed: ${errorMessage(err)}` }).where(eq(generations.id, id));
    throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: `Could not write the take into the piece: ${errorMessage(err)}`, cause: err });
  }
}
