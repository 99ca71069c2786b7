/**
 * The piece router's invite links: the owner makes them (with an expiry and a use limit), lists and revokes them;
 * whoever holds one sees what it offers, and anyone signed in follows one to join. Spread into pieceRouter, so they
 * are `piece.createInvite` and so on.
 */
import { TRPCError } from "@trpc/server";
import { and, asc, count, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../../db";
import { pieceInvites, pieceInviteUses, pieceMembers, pieces, users, type MemberRole } from "../../../db/schema";
import { newToken } from "../ids";
import { INVITE_REFUSALS, inviteStatus, type InviteStatus } from "../invites";
import { higherRole, requireRole } from "../membership";
import { protectedProcedure, publicProcedure } from "../trpc";

const DAY_MS = 24 * 3600 * 1000;

const pieceId = z.string().min(1).max(64);
const token = z.string().min(1).max(128);

const createInput = z.object({
  pieceId,
  role: z.enum(["editor", "reviewer", "viewer"]),
  /** Days the link works for; null: until revoked. */
  expiresInDays: z.number().int().min(1, "A link must work for at least a day").max(365, "A link can work for a year at most").nullable().default(14),
  /** People who may join with it; null: any number. */
  maxUses: z.number().int().min(1, "A link must let at least one person in").max(1000, "A link can let 1000 people in at most").nullable().default(null),
});

const UNKNOWN_INVITE = { code: "NOT_FOUND", message: "This invite link is not valid" } as const;

/** How many people have joined (or been raised) with a link. */
async function usesOf(db: Pick<Db, "select">, token: string): Promise<number> {
  const [{ uses }] = await db.select({ uses: count() }).from(pieceInviteUses).where(eq(pieceInviteUses.token, token));
  return uses;
}

export interface InviteView {
  token: string;
  role: MemberRole;
  createdAt: Date;
  expiresAt: Date | null;
  maxUses: number | null;
  revokedAt: Date | null;
  uses: number;
  status: InviteStatus;
  usedBy: { userId: string; name: string }[];
}

export const pieceInviteProcedures = {
  /** A link that makes whoever follows it an editor, reviewer or viewer, until it expires, is used up or revoked. */
  createInvite: protectedProcedure.input(createInput).mutation(async ({ ctx, input }) => {
    await requireRole(ctx, input.pieceId, "owner");
    const invite = {
      token: newToken(),
      pieceId: input.pieceId,
      role: input.role,
      createdBy: ctx.user.id,
      expiresAt: input.expiresInDays === null ? null : new Date(Date.now() + input.expiresInDays * DAY_MS),
      maxUses: input.maxUses,
    };
    await ctx.db.insert(pieceInvites).values(invite);
    return { token: invite.token, expiresAt: invite.expiresAt, maxUses: invite.maxUses };
  }),

  /** The piece's links, newest first, each with who used it and whether it still lets people in (owner only). */
  listInvites: protectedProcedure.input(z.object({ pieceId })).query(async ({ ctx, input }): Promise<InviteView[]> => {
    await requireRole(ctx, input.pieceId, "owner");
    const invites = await ctx.db
      .select()
      .from(pieceInvites)
      .where(eq(pieceInvites.pieceId, input.pieceId))
      .orderBy(desc(pieceInvites.createdAt), asc(pieceInvites.token));
    const tokens = invites.map((i) => i.token);
    const uses = tokens.length === 0 ? [] : await ctx.db
      .select({ token: pieceInviteUses.token, userId: users.id, name: users.name })
      .from(pieceInviteUses)
      .innerJoin(users, eq(users.id, pieceInviteUses.userId))
      .where(inArray(pieceInviteUses.token, tokens))
      .orderBy(asc(pieceInviteUses.usedAt));
    const now = new Date();
    return invites.map((i) => {
      const usedBy = uses.filter((u) => u.token === i.token).map(({ userId, name }) => ({ userId, name }));
      const { token, role, createdAt, expiresAt, maxUses, revokedAt } = i;
      return { token, role, createdAt, expiresAt, maxUses, revokedAt, uses: usedBy.length, status: inviteStatus(i, usedBy.length, now), usedBy };
    });
  }),

  /** Stops a link letting anyone else in; the people who joined with it stay members. Idempotent. */
  revokeInvite: protectedProcedure.input(z.object({ pieceId, token })).mutation(async ({ ctx, input }) => {
    await requireRole(ctx, input.pieceId, "owner");
    const [invite] = await ctx.db
      .select({ revokedAt: pieceInvites.revokedAt })
      .from(pieceInvites)
      .where(and(eq(pieceInvites.token, input.token), eq(pieceInvites.pieceId, input.pieceId)));
    if (!invite) throw new TRPCError({ code: "NOT_FOUND", message: "This piece has no such invite link" });
    if (invite.revokedAt !== null) return { token: input.token, revokedAt: invite.revokedAt };
    const revokedAt = new Date();
    await ctx.db.update(pieceInvites).set({ revokedAt }).where(eq(pieceInvites.token, input.token));
    return { token: input.token, revokedAt };
  }),

  /**
   * What a link offers, for its landing page: who invites, to which piece, as what, and whether it still lets people
   * in. Signed in or not: whoever holds the link may join with it, so this tells them nothing it does not grant.
   */
  invitePreview: publicProcedure.input(z.object({ token })).query(async ({ ctx, input }) => {
    const [invite] = await ctx.db
      .select({
        pieceTitle: pieces.title,
        inviterName: users.name,
        role: pieceInvites.role,
        revokedAt: pieceInvites.revokedAt,
        expiresAt: pieceInvites.expiresAt,
        maxUses: pieceInvites.maxUses,
      })
      .from(pieceInvites)
      .innerJoin(pieces, eq(pieces.id, pieceInvites.pieceId))
      .innerJoin(users, eq(users.id, pieceInvites.createdBy))
      .where(eq(pieceInvites.token, input.token));
    if (!invite) throw new TRPCError(UNKNOWN_INVITE);
    const { pieceTitle, inviterName, role } = invite;
    return { pieceTitle, inviterName, role, status: inviteStatus(invite, await usesOf(ctx.db, input.token), new Date()) };
  }),

  /** Joins the invite's piece. Idempotent; raises viewer to editor but never lowers a role. */
  acceptInvite: protectedProcedure
    .input(z.object({ token }))
    .mutation(async ({ ctx, input }): Promise<{ pieceId: string; role: MemberRole }> => {
      const joined = await ctx.db.transaction(async (tx) => {
        // Locked, so two people following a link with one use left cannot both get in.
        const [invite] = await tx.select().from(pieceInvites).where(eq(pieceInvites.token, input.token)).for("update");
        if (!invite) throw new TRPCError(UNKNOWN_INVITE);
        const me = and(eq(pieceMembers.pieceId, invite.pieceId), eq(pieceMembers.userId, ctx.user.id));
        const [member] = await tx.select({ role: pieceMembers.role }).from(pieceMembers).where(me).for("update");
        // A member it would not raise just opens the piece, whatever became of the link.
        if (member && higherRole(member.role, invite.role) === member.role) return { pieceId: invite.pieceId, role: member.role };

        const status = inviteStatus(invite, await usesOf(tx, invite.token), new Date());
        if (status !== "active") throw new TRPCError(INVITE_REFUSALS[status]);
        if (member) await tx.update(pieceMembers).set({ role: invite.role }).where(me);
        else await tx.insert(pieceMembers).values({ pieceId: invite.pieceId, userId: ctx.user.id, role: invite.role });
        await tx.insert(pieceInviteUses).values({ token: invite.token, userId: ctx.user.id }).onConflictDoNothing();
        return { pieceId: invite.pieceId, role: invite.role };
      });
      await ctx.collab.memberChanged(joined.pieceId, ctx.user.id); // a viewer's open socket may write from now on
      return joined;
    }),
};
