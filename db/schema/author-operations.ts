import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, type AnyPgColumn } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { pieces } from "./pieces";

export const authorOperationKinds = pgEnum("author_operation_kind", ["remove-model-untouched", "revert-author", "undo"]);
export type AuthorOperationKind = (typeof authorOperationKinds.enumValues)[number];

/**
 * Undo by author: one row per operation someone ran ("remove what model M wrote that nobody touched",
 * "revert Y's changes in bars A to B", or the undo of an earlier one). The notes it changed are the
 * note_ledger rows that carry its id. Append-only like the ledger: an undo is a new row naming the one it undoes.
 */
export const authorOperations = pgTable(
  "author_operations",
  {
    id: text("id").primaryKey(),
    pieceId: text("piece_id")
      .notNull()
      .references(() => pieces.id, { onDelete: "cascade" }),
    kind: authorOperationKinds("kind").notNull(),
    actorId: text("actor_id")
      .notNull()
      .references(() => users.id),
    /** The operation's parameters as asked (model and version; author and bar range). */
    params: jsonb("params").notNull(),
    /** Human-readable name of what it did, as shown in histories ("Removed untouched notes by tandem-fim"). */
    label: text("label").notNull(),
    undoes: text("undoes").references((): AnyPgColumn => authorOperations.id),
    /** Notes it planned to change; the ledger rows say which it did. */
    planned: integer("planned").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("author_operations_piece_idx").on(t.pieceId, t.createdAt),
    // An operation is undone at most once, even by two people at the same moment.
    uniqueIndex("author_operations_undoes_unique").on(t.undoes),
  ],
);
