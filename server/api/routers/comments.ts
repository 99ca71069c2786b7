/**
 * Review comments anchored to bars or to a note. Reviewers and members who can edit write and resolve
 * them; viewers read them.
 */
import { TRPCError } from "@trpc/server";
import { and, asc, eq, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { comments, users } from "../../../db/schema";
import { docMaps, readMeta } from "../../../lib/doc-schema";
import { commentBody } from "../../../lib/text-limits";
import { barOfTick } from "../../../lib/time";
import { newId } from "../ids";
import { requireRole } from "../membership";
import { createTRPCRouter, protectedProcedure } from "../trpc";

const pieceId = z.string().min(1).max(64);
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
  /** The piece's comments, oldest first, with who wrote and who resolved them. */
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
      })
      .from(comments)
      .innerJoin(users, eq(users.id, comments.authorId))
      .leftJoin(resolvers, eq(resolvers.id, comments.resolvedBy))
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

  /** Marks a comment dealt with; the first to resolve it is recorded. */
  resolve: protectedProcedure.input(z.object({ pieceId, commentId: z.string().min(1).max(64) })).mutation(async ({ ctx, input }) => {
    await requireRole(ctx, input.pieceId, "reviewer");
    const target = and(eq(comments.id, input.commentId), eq(comments.pieceId, input.pieceId));
    const done = await ctx.db
      .update(comments)
      .set({ resolvedBy: ctx.user.id, resolvedAt: new Date() })
      .where(and(target, isNull(comments.resolvedAt)))
      .returning({ id: comments.id });
    if (done.length > 0) return { id: input.commentId };
    const [exists] = await ctx.db.select({ id: comments.id }).from(comments).where(target);
    throw exists
      ? new TRPCError({ code: "BAD_REQUEST", message: "This comment is already resolved" })
      : new TRPCError({ code: "NOT_FOUND", message: "No such comment on this piece" });
  }),
});
