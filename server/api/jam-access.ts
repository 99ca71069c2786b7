/**
 * Who may do what in a jam (issue 16): members watch, editors and owners lead or play along, the leader plays, the
 * leader or an owner ends it.
 */
import { TRPCError } from "@trpc/server";
import type { MemberRole } from "../../db/schema";
import { ticksPerBar } from "../../lib/time";
import type { NoteWithId, PieceMeta } from "../../lib/doc-schema";
import type { JamSettings } from "../../lib/jam/settings";
import type { LiveJam } from "../jam/types";
import { getMemberRole, requireRole, roleAtLeast } from "./membership";
import type { ProtectedContext } from "./trpc";

export const WATCH_ONLY = "Reviewers and viewers can watch a jam, not play in it";

/** An editor or owner of the piece; a reviewer or viewer is told they can watch. */
export async function requireJamPlayer(ctx: ProtectedContext, pieceId: string): Promise<MemberRole> {
  const role = await requireRole(ctx, pieceId, "viewer");
  if (!roleAtLeast(role, "editor")) throw new TRPCError({ code: "FORBIDDEN", message: WATCH_ONLY });
  return role;
}

/** The jam, in this piece, or NOT_FOUND. */
export function jamOr404(jam: LiveJam | undefined, jamId: string): LiveJam {
  if (!jam) throw new TRPCError({ code: "NOT_FOUND", message: `Jam ${jamId} is not running in this piece (it may have ended, or been kept or discarded)` });
  return jam;
}

/** The leader plays; anyone else joins first, to play along on a track of their own. */
export async function requireLeader(ctx: ProtectedContext, pieceId: string, jam: LiveJam): Promise<void> {
  await requireJamPlayer(ctx, pieceId);
  if (jam.leader.id !== ctx.user.id) throw new TRPCError({ code: "FORBIDDEN", message: `${jam.leader.name} leads this jam; to play in it, play along on a track of your own` });
}

/** Stop, Keep and Discard: the leader, or an owner of the piece. */
export async function requireLeaderOrOwner(ctx: ProtectedContext, pieceId: string, jam: LiveJam): Promise<void> {
  const role = await getMemberRole(ctx.db, pieceId, ctx.user.id);
  if (jam.leader.id === ctx.user.id && role !== null && role !== undefined) return;
  if (role === "owner") return;
  throw new TRPCError({ code: "FORBIDDEN", message: `Only ${jam.leader.name}, who leads this jam, or an owner of the piece can end it` });
}

/** The jam's tracks are the piece's, and its loop lies inside the piece (the model fills bars the piece has). */
export function checkJamSettings(s: JamSettings, piece: { tracks: { id: string }[]; meta: PieceMeta; notes: readonly NoteWithId[] }): string | null {
  const ids = new Set(piece.tracks.map((t) => t.id));
  const unknown = [s.playerTrack, ...s.modelTracks].filter((id) => !ids.has(id));
  if (unknown.length > 0) return `The piece has no track${unknown.length > 1 ? "s" : ""} ${unknown.map((id) => `"${id}"`).join(", ")}`;
  const lastEnd = piece.notes.reduce((m, n) => Math.max(m, n.start + n.duration), 0);
  const pieceBars = Math.max(1, Math.ceil(lastEnd / ticksPerBar(piece.meta)));
  if (s.startBar + s.bars > pieceBars) {
    return `The loop (bars ${s.startBar + 1}-${s.startBar + s.bars}) goes past the end of the piece at bar ${pieceBars}; loop bars the piece has`;
  }
  return null;
}
