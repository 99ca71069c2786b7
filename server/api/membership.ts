import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db";
import { pieceMembers, pieces, type MemberRole } from "../../db/schema";
import type { SessionUser } from "../services";

// A reviewer reads like a viewer and may also comment; only editors and owners change the music.
const RANK: Record<MemberRole, number> = { viewer: 0, reviewer: 1, editor: 2, owner: 3 };

export const roleAtLeast = (role: MemberRole, min: MemberRole): boolean => RANK[role] >= RANK[min];

/** The higher of two roles (accepting an invite never lowers a role). */
export const higherRole = (a: MemberRole, b: MemberRole): MemberRole => (RANK[a] >= RANK[b] ? a : b);

/** A person's role in a piece: null when they are not a member; undefined when the piece does not exist. */
export async function getMemberRole(db: Db, pieceId: string, userId: string): Promise<MemberRole | null | undefined> {
  const [row] = await db
    .select({ role: pieceMembers.role })
    .from(pieces)
    .leftJoin(pieceMembers, and(eq(pieceMembers.pieceId, pieces.id), eq(pieceMembers.userId, userId)))
    .where(eq(pieces.id, pieceId));
  if (!row) return undefined;
  return row.role;
}

/** The one membership check every piece-scoped procedure makes. Returns the caller's role. */
export async function requireRole(
  ctx: { db: Db; user: SessionUser },
  pieceId: string,
  minRole: MemberRole,
): Promise<MemberRole> {
  const role = await getMemberRole(ctx.db, pieceId, ctx.user.id);
  if (role === undefined) throw new TRPCError({ code: "NOT_FOUND", message: `Piece ${pieceId} not found` });
  if (role === null) throw new TRPCError({ code: "FORBIDDEN", message: "You are not a member of this piece" });
  if (!roleAtLeast(role, minRole)) {
    throw new TRPCError({ code: "FORBIDDEN", message: `This needs ${minRole} access; you are a ${role} of this piece` });
  }
  return role;
}
