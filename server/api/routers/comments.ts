/**
 * Review comments anchored to bars or to a note, each starting a thread of replies. Reviewers and members who can
 * edit write, reply and resolve; viewers read. Each member marks how far they have read (comment-reads.ts).
 */
import { TRPCError } from "@trpc/server";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { commentReads, comments, users } from "../../../db/schema";
import { docMaps, readMeta } from "../../../lib/doc-schema";
import { commentBody } from "../../../lib/text-limits";
import { barOfTick } from "../../../lib/time";
import { isNewTo, readMarkOf } from "../comment-reads";
import { newId } from "../ids";
import { requireRole } from "../membership";
import { createTRPCRouter, protectedProcedure } from "../trpc";

const pieceId = z.string().min(1).max(64);
const commentId = z.string().min(1).max(64);
const bar = z.number().int().min(0).max(100_000);
const resolvers = alias(users, "resolvers");

const addInput = z
  .object({
    pieceId,
    body: commentBody,
    startBar: bar,
    endBar: bar,
    noteId: z.string().min(1).max(64).optional(),
  })
  .refine((i) => i.endBar > i.startBar, { message: "The last bar must come after the first", path: ["endBar"] });

export const commentsRouter = createTRPCRouter({
  /** The piece's comments and replies, oldest first, with who wrote and who resolved them, and which are new to the caller. */
  list: protectedProcedure.input(z.object({ pieceId })).query(async ({ ctx, input }) => {
    await requireRole(ctx, input.pieceId, "viewer");
    return ctx.db
      .select({
        id: comments.id,
        authorId: comments.authorId,
        authorName: users.name,
        startBar: comments.startBar,
        endBar: comments.endBar,
        noteId: comments.noteId,
        body: comments.body,
        createdAt: comments.createdAt,
        resolvedBy: comments.resolvedBy,
        resolvedByName: resolvers.name,
        resolvedAt: comments.resolvedAt,
        parentId: comments.parentId,
        isNew: sql<boolean>`${isNewTo(ctx.user.id)}`,
      })
      .from(comments)
      .innerJoin(users, eq(users.id, comments.authorId))
      .leftJoin(resolvers, eq(resolvers.id, comments.resolvedBy))
      .leftJoin(commentReads, readMarkOf(ctx.user.id))
      .where(eq(comments.pieceId, input.pieceId))
      .orderBy(asc(comments.createdAt), asc(comments.id));
  }),

  /** A comment on bars [startBar, endBar), or on a note (anchored to the bars the note spans now). */
  add: protectedProcedure.input(addInput).mutation(async ({ ctx, input }) => {
    await requireRole(ctx, input.pieceId, "reviewer");
    let { startBar, endBar } = input;
    if (input.noteId) {
      const span = await ctx.collab.readDoc(input.pieceId, (doc) => {
        const note = docMaps(doc).notes.get(input.noteId!);
        const meter = readMeta(doc);
        return note && { startBar: barOfTick(note.start, meter), endBar: barOfTick(note.start + note.duration - 1, meter) + 1 };
      });
      if (!span) throw new TRPCError({ code: "BAD_REQUEST", message: "That note is not in the piece any more" });
      ({ startBar, endBar } = span);
    }
    const id = newId();
    await ctx.db.insert(comments).values({ id, pieceId: input.pieceId, authorId: ctx.user.id, startBar, endBar, noteId: input.noteId ?? null, body: input.body });
    return { id, startBar, endBar };
  }),

  /** A reply in a comment's thread, on its bars; a reply to a reply joins the same thread (threads are one level deep). */
  reply: protectedProcedure.input(z.object({ pieceId, commentId, body: commentBody })).mutation(async ({ ctx, input }) => {
    await requireRole(ctx, input.pieceId, "reviewer");
    const [to] = await ctx.db
      .select({ id: comments.id, parentId: comments.parentId, startBar: comments.startBar, endBar: comments.endBar, noteId: comments.noteId })
      .from(comments)
      .where(and(eq(comments.id, input.commentId), eq(comments.pieceId, input.pieceId)));
    if (!to) throw new TRPCError({ code: "NOT_FOUND", message: "No such comment on this piece" });
    const id = newId();
    const parentId = to.parentId ?? to.id;
    const { startBar, endBar, noteId } = to;
    await ctx.db.insert(comments).values({ id, pieceId: input.pieceId, authorId: ctx.user.id, startBar, endBar, noteId, body: input.body, parentId });
    return { id, parentId };
  }),

  /** Marks a thread dealt with; the first to resolve it is recorded. */
  resolve: protectedProcedure.input(z.object({ pieceId, commentId })).mutation(async ({ ctx, input }) => {
    await requireRole(ctx, input.pieceId, "reviewer");
    const target = and(eq(comments.id, input.commentId), eq(comments.pieceId, input.pieceId));
    const done = await ctx.db
      .update(comments)
      .set({ resolvedBy: ctx.user.id, resolvedAt: new Date() })
      .where(and(target, isNull(comments.resolvedAt), isNull(comments.parentId)))
      .returning({ id: comments.id });
    if (done.length > 0) return { id: input.commentId };
    const [exists] = await ctx.db.select({ parentId: comments.parentId }).from(comments).where(target);
    if (!exists) throw new TRPCError({ code: "NOT_FOUND", message: "No such comment on this piece" });
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: exists.parentId ? "Resolve the thread, not a reply: its replies are resolved with it" : "This comment is already resolved",
    });
  }),

  /**
   * The caller has read the piece's comments up to this one: those by others written after it stay new. The mark is
   * the comment's own creation time, taken in the database (a browser's clock and precision play no part), and never
   * moves back.
   */
  markSeen: protectedProcedure.input(z.object({ pieceId, commentId })).mutation(async ({ ctx, input }) => {
    await requireRole(ctx, input.pieceId, "viewer");
    const seen = ctx.db
      .select({ pieceId: comments.pieceId, userId: sql<string>`${ctx.user.id}`.as("user_id"), seenAt: comments.createdAt })
      .from(comments)
      .where(and(eq(comments.id, input.commentId), eq(comments.pieceId, input.pieceId)));
    const marked = await ctx.db
      .insert(commentReads)
      .select(seen)
      .onConflictDoUpdate({ target: [commentReads.pieceId, commentReads.userId], set: { seenAt: sql`greatest(${commentReads.seenAt}, excluded.seen_at)` } })
      .returning({ seenAt: commentReads.seenAt });
    if (marked.length === 0) throw new TRPCError({ code: "NOT_FOUND", message: "No such comment on this piece" });
    return { seenAt: marked[0].seenAt };
  }),
});
