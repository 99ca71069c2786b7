import { foreignKey, index, integer, pgTable, primaryKey, text, timestamp, type AnyPgColumn } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { pieceMembers, pieces } from "./pieces";

/**
 * Review comments, anchored to a bar range (0-based start bar, exclusive end bar) or to one note
 * (with the note's bar kept so the comment still has a place when the note is gone). A reply names the comment
 * that starts its thread (parent_id, one level deep) and shares its anchor.
 */
export const comments = pgTable(
  "comments",
  {
    id: text("id").primaryKey(),
    pieceId: text("piece_id")
      .notNull()
      .references(() => pieces.id, { onDelete: "cascade" }),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    startBar: integer("start_bar").notNull(),
    endBar: integer("end_bar").notNull(),
    noteId: text("note_id"),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedBy: text("resolved_by").references(() => users.id),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    parentId: text("parent_id").references((): AnyPgColumn => comments.id, { onDelete: "cascade" }),
  },
  (t) => [index("comments_piece_idx").on(t.pieceId, t.createdAt), index("comments_parent_idx").on(t.parentId)],
);

/**
 * How far each member has read a piece's comments: the creation time of the newest one they marked seen. Comments
 * by others created later are new to them. Goes with the membership.
 */
export const commentReads = pgTable(
  "comment_reads",
  {
    pieceId: text("piece_id").notNull(),
    userId: text("user_id").notNull(),
    seenAt: timestamp("seen_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.pieceId, t.userId] }),
    foreignKey({ columns: [t.pieceId, t.userId], foreignColumns: [pieceMembers.pieceId, pieceMembers.userId] }).onDelete("cascade"),
  ],
);
