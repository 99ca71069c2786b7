import { bigserial, index, integer, jsonb, pgEnum, pgTable, real, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { authorOperations } from "./author-operations";
import { pieces } from "./pieces";

// "jam": a kept jam take (server/api/routers/jam.ts), its settings the take's.
export const generationModes = pgEnum("generation_mode", ["infill", "continue", "jam"]);
export const generationOutcomes = pgEnum("generation_outcome", ["running", "ready", "failed", "accepted", "discarded"]);

/** One request to a model: who asked, for what region, with which settings, and what became of it. */
export const generations = pgTable(
  "generations",
  {
    id: text("id").primaryKey(),
    pieceId: text("piece_id")
      .notNull()
      .references(() => pieces.id, { onDelete: "cascade" }),
    requestedBy: text("requested_by")
      .notNull()
      .references(() => users.id),
    mode: generationModes("mode").notNull(),
    region: jsonb("region").notNull(),
    settings: jsonb("settings").notNull(),
    model: text("model").notNull(),
    modelVersion: text("model_version").notNull(),
    candidateCount: integer("candidate_count").notNull(),
    latencyMs: real("latency_ms"),
    outcome: generationOutcomes("outcome").notNull().default("running"),
    error: text("error"),
    acceptedCandidate: integer("accepted_candidate"),
    decidedBy: text("decided_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [index("generations_piece_idx").on(t.pieceId, t.createdAt)],
);

export const ledgerActions = pgEnum("ledger_action", ["create", "update", "delete"]);
export const authorKinds = pgEnum("author_kind", ["human", "model"]);

/**
 * Append-only, one row per change of one note. actor_id is always the authenticated user whose
 * connection (or accept) made the change; for model notes, author_kind = 'model' and generation_id
 * names the generation, while actor_id is the person who accepted it. A trigger (migration 0002)
 * refuses UPDATE, TRUNCATE and any DELETE but the cascade from deleting the piece itself.
 */
export const noteLedger = pgTable(
  "note_ledger",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    pieceId: text("piece_id")
      .notNull()
      .references(() => pieces.id, { onDelete: "cascade" }),
    noteId: text("note_id").notNull(),
    action: ledgerActions("action").notNull(),
    authorKind: authorKinds("author_kind").notNull(),
    actorId: text("actor_id")
      .notNull()
      .references(() => users.id),
    generationId: text("generation_id").references(() => generations.id),
    /** The undo-by-author operation that made this change, if one did. */
    operationId: text("operation_id").references(() => authorOperations.id),
    before: jsonb("before"),
    after: jsonb("after"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("note_ledger_piece_note_idx").on(t.pieceId, t.noteId, t.seq)],
);
