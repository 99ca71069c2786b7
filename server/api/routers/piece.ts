import { TRPCError } from "@trpc/server";
import { and, asc, desc, eq, exists, inArray, ne, or, type SQL } from "drizzle-orm";
import type { Db } from "../../../db";
import { z } from "zod";
import { pieceTitle } from "../../../lib/text-limits";
import { noteLedger, pieceMembers, pieces, users, type MemberRole } from "../../../db/schema";
import { newCommentCount } from "../comment-reads";
import { newId } from "../ids";
import { revokeInvitesUsedBy } from "../invites";
import { requireRole } from "../membership";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import { pieceInviteProcedures } from "./piece-invites";

const pieceId = z.string().min(1).max(64);
const grantableRole = z.enum(["editor", "reviewer", "viewer"]);
/** As many people as one piece's provenance names who are not its members (the editor asks only for those). */
const MAX_PEOPLE_ASKED = 500;

export const pieceRouter = createTRPCRouter({
  ...pieceInviteProcedures,

  /** The pieces the caller is a member of, newest first, each with how many of its comments are new to them. */
  list: protectedProcedure.query(({ ctx }) =>
    ctx.db
      .select({
        id: pieces.id,
        title: pieces.title,
        role: pieceMembers.role,
        createdAt: pieces.createdAt,
        ownerName: users.name,
        newComments: newCommentCount(ctx.user.id, pieces.id),
      })
      .from(pieceMembers)
      .innerJoin(pieces, eq(pieces.id, pieceMembers.pieceId))
      .innerJoin(users, eq(users.id, pieces.ownerId))
      .where(eq(pieceMembers.userId, ctx.user.id))
      .orderBy(desc(pieces.createdAt), asc(pieces.id)),
  ),

  /** A new piece owned by the caller; the collab server fills its document on first load. */
  create: protectedProcedure
    .input(z.object({ title: pieceTitle }))
    .mutation(async ({ ctx, input }) => {
      const id = newId();
      await ctx.db.transaction(async (tx) => {
        await tx.insert(pieces).values({ id, title: input.title, ownerId: ctx.user.id });
        await tx.insert(pieceMembers).values({ pieceId: id, userId: ctx.user.id, role: "owner" });
      });
      return { id };
    }),

  get: protectedProcedure.input(z.object({ pieceId })).query(async ({ ctx, input }) => {
    const role = await requireRole(ctx, input.pieceId, "viewer");
    const [piece] = await ctx.db.select().from(pieces).where(eq(pieces.id, input.pieceId));
    const rows = await ctx.db
      .select({ userId: users.id, name: users.name, email: users.email, role: pieceMembers.role })
      .from(pieceMembers)
      .innerJoin(users, eq(users.id, pieceMembers.userId))
      .where(eq(pieceMembers.pieceId, input.pieceId))
      .orderBy(asc(pieceMembers.joinedAt), asc(users.name));
    // Addresses are for the owner, who invited these people; everyone else sees names and roles.
    const members: { userId: string; name: string; role: MemberRole; email?: string }[] =
      role === "owner" ? rows : rows.map(({ email: _email, ...member }) => member);
    return { id: piece.id, title: piece.title, role, members };
  }),

  /**
   * Names for the ids a piece's provenance holds (it keeps ids only): of those asked, the people who are members or
   * wrote in the piece, so a note by someone who has left still shows their name; nobody else is named.
   */
  people: protectedProcedure
    .input(z.object({ pieceId, userIds: z.array(z.string().min(1).max(64)).max(MAX_PEOPLE_ASKED) }))
    .query(async ({ ctx, input }) => {
      await requireRole(ctx, input.pieceId, "viewer");
      if (input.userIds.length === 0) return [];
      const member = ctx.db
        .select({ one: pieceMembers.userId })
        .from(pieceMembers)
        .where(and(eq(pieceMembers.pieceId, input.pieceId), eq(pieceMembers.userId, users.id)));
      const wrote = ctx.db
        .select({ one: noteLedger.actorId })
        .from(noteLedger)
        .where(and(eq(noteLedger.pieceId, input.pieceId), eq(noteLedger.actorId, users.id)));
      return ctx.db
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(and(inArray(users.id, input.userIds), or(exists(member), exists(wrote))));
    }),

  rename: protectedProcedure
    .input(z.object({ pieceId, title: pieceTitle }))
    .mutation(async ({ ctx, input }) => {
      await requireRole(ctx, input.pieceId, "owner");
      await ctx.db.update(pieces).set({ title: input.title }).where(eq(pieces.id, input.pieceId));
      return { id: input.pieceId, title: input.title };
    }),

  setRole: protectedProcedure
    .input(z.object({ pieceId, userId: z.string().min(1), role: grantableRole }))
    .mutation(async ({ ctx, input }) => {
      await requireRole(ctx, input.pieceId, "owner");
      await ctx.db.transaction(async (tx) => {
        await changeMember(tx, input.pieceId, input.userId, (where) => tx.update(pieceMembers).set({ role: input.role }).where(where).returning());
        await revokeInvitesUsedBy(tx, input.pieceId, input.userId, input.role); // her links must not raise her again
      });
      await ctx.collab.memberChanged(input.pieceId, input.userId); // her open sockets stop writing now
      return { userId: input.userId, role: input.role };
    }),

  removeMember: protectedProcedure
    .input(z.object({ pieceId, userId: z.string().min(1) }))
    .mutation(async ({ ctx, input }) => {
      await requireRole(ctx, input.pieceId, "owner");
      await ctx.db.transaction(async (tx) => {
        await changeMember(tx, input.pieceId, input.userId, (where) => tx.delete(pieceMembers).where(where).returning());
        await revokeInvitesUsedBy(tx, input.pieceId, input.userId); // nor let her back in
      });
      await ctx.collab.memberChanged(input.pieceId, input.userId); // and her open sockets close now
      return { userId: input.userId };
    }),
});

/** Runs an update/delete on one non-owner member; the owner's membership cannot be changed. */
async function changeMember(
  db: Db,
  pieceId: string,
  userId: string,
  run: (where: SQL | undefined) => Promise<unknown[]>,
): Promise<void> {
  const target = and(eq(pieceMembers.pieceId, pieceId), eq(pieceMembers.userId, userId));
  const [member] = await db.select({ role: pieceMembers.role }).from(pieceMembers).where(target);
  if (!member) throw new TRPCError({ code: "NOT_FOUND", message: "That person is not a member of this piece" });
  if (member.role === "owner") throw new TRPCError({ code: "BAD_REQUEST", message: "The owner's membership cannot be changed" });
  const rows = await run(and(target, ne(pieceMembers.role, "owner")));
  if (rows.length === 0) throw new TRPCError({ code: "NOT_FOUND", message: "That person is not a member of this piece" });
}
