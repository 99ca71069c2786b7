import { and, eq } from "drizzle-orm";
import type { Db } from "../../db";
import { pieceMembers, type MemberRole } from "../../db/schema/pieces";

/** A user's role in a piece, or null when they are not a member (or the piece does not exist). */
export type RoleOf = (pieceId: string, userId: string) => Promise<MemberRole | null>;

/** The default RoleOf: a lookup in piece_members. */
export const memberRoleOf =
  (db: Db): RoleOf =>
  async (pieceId, userId) => {
    const [row] = await db
      .select({ role: pieceMembers.role })
      .from(pieceMembers)
      .where(and(eq(pieceMembers.pieceId, pieceId), eq(pieceMembers.userId, userId)));
    return row?.role ?? null;
  };
