import { bigserial, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { bytea } from "./bytea";
import { pieces } from "./pieces";

/** Yjs updates as they arrive; compaction folds them into one row (merged update) and deletes the rest. */
export const docUpdates = pgTable(
  "doc_updates",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    pieceId: text("piece_id")
      .notNull()
      .references(() => pieces.id, { onDelete: "cascade" }),
    update: bytea("update").notNull(),
    // How many raw updates a compacted row stands for (1 for a raw update).
    merged: integer("merged").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("doc_updates_piece_idx").on(t.pieceId, t.id)],
);
