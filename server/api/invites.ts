/**
 * Invite links: whether one still lets people in, and revoking the ones a member used when her access is taken
 * away (so a removed or demoted member cannot let herself back in with her old link).
 */
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../../db";
import { pieceInvites, pieceInviteUses, type MemberRole } from "../../db/schema";
import { roleAtLeast } from "./membership";

type Queries = Pick<Db, "select" | "update">;

export type InviteStatus = "active" | "revoked" | "expired" | "used up";

export interface InviteLimits {
  revokedAt: Date | null;
  expiresAt: Date | null;
  maxUses: number | null;
}

/** Whether a link lets one more person in now, and if not, why (a revoke is named before an expiry, an expiry before the count). */
export function inviteStatus(invite: InviteLimits, uses: number, now: Date): InviteStatus {
  if (invite.revokedAt !== null) return "revoked";
  if (invite.expiresAt !== null && invite.expiresAt.getTime() <= now.getTime()) return "expired";
  if (invite.maxUses !== null && uses >= invite.maxUses) return "used up";
  return "active";
}

/** What someone who follows a link that no longer works is told. */
export const INVITE_REFUSALS: Record<Exclude<InviteStatus, "active">, { code: "FORBIDDEN" | "BAD_REQUEST"; message: string }> = {
  revoked: { code: "FORBIDDEN", message: "This invite link was revoked by the piece's owner; ask them for a new one" },
  expired: { code: "BAD_REQUEST", message: "This invite link has expired; ask the owner for a new one" },
  "used up": { code: "BAD_REQUEST", message: "This invite link has been used as many times as the owner allowed; ask them for a new one" },
};

/**
 * Revokes the links of `pieceId` that `userId` joined or was raised with. With `keep`, a link whose role `keep`
 * covers stays (a demotion to `keep` revokes only the links that would raise her again). Returns the tokens revoked.
 */
export async function revokeInvitesUsedBy(db: Queries, pieceId: string, userId: string, keep?: MemberRole): Promise<string[]> {
  const used = await db
    .select({ token: pieceInvites.token, role: pieceInvites.role })
    .from(pieceInviteUses)
    .innerJoin(pieceInvites, eq(pieceInvites.token, pieceInviteUses.token))
    .where(and(eq(pieceInviteUses.userId, userId), eq(pieceInvites.pieceId, pieceId), isNull(pieceInvites.revokedAt)));
  const tokens = used.filter((u) => keep === undefined || !roleAtLeast(keep, u.role)).map((u) => u.token);
  if (tokens.length === 0) return [];
  await db.update(pieceInvites).set({ revokedAt: new Date() }).where(inArray(pieceInvites.token, tokens));
  return tokens;
}
