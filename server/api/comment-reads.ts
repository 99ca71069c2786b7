/**
 * What is new to a member in a piece's comments: written by someone else after the newest comment they marked seen
 * (comment_reads). The comments list flags each one and the pieces list counts them, with this one condition.
 */
import { and, eq, gt, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { commentReads, comments } from "../../db/schema";

/** The reader's mark, to left-join onto comments: with none yet, every comment by others is new. */
export const readMarkOf = (userId: string): SQL => and(eq(commentReads.pieceId, comments.pieceId), eq(commentReads.userId, userId))!;

/** True for a comment new to `userId`, over comments left-joined with readMarkOf(userId). */
export const isNewTo = (userId: string): SQL =>
  and(ne(comments.authorId, userId), or(isNull(commentReads.seenAt), gt(comments.createdAt, commentReads.seenAt)))!;

/** How many of the piece's comments are new to `userId`, as a column of a query over pieces. */
export const newCommentCount = (userId: string, pieceId: AnyPgColumn): SQL<number> =>
  sql<number>`(select count(*)::int from ${comments} left join ${commentReads} on ${readMarkOf(userId)} where ${comments.pieceId} = ${pieceId} and ${isNewTo(userId)})`;
