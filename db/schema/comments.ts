import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { pieces } from "./pieces";

/**
 * Review comments, anchored to a bar range (0-based start bar, exclusive end bar) or to one note
 * (with the note's bar kept so the comment still has a place when the note is gone).
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
  },
  (t) => [index("comments_piece_idx").on(t.pieceId, t.createdAt)],
);
