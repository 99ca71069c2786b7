import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, unique } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const adaptationMethods = pgEnum("adaptation_method", ["style-memory"]);
export const adaptationStatuses = pgEnum("adaptation_status", ["building", "ready", "failed"]);

/**
 * What a person taught the model from pieces they may read ("our style"). The artifact is the method's own
 * (a StyleMemoryArtifact: the sources' token streams, about 3.6 bytes a token as JSON: 170 kB for 20 pieces of 32 bars
 * on 4 tracks, 740 notes each, built in 0.13 s); it is null until the build is ready. Deleting the row deletes the artifact and its sources.
 */
export const adaptations = pgTable(
  "adaptations",
  {
    id: text("id").primaryKey(),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    method: adaptationMethods("method").notNull(),
    /** 1, 2, ... per owner and name: each build of the same name is a new version. */
    version: integer("version").notNull(),
    status: adaptationStatuses("status").notNull().default("building"),
    progress: integer("progress").notNull().default(0),
    error: text("error"),
    artifact: jsonb("artifact"),
    fingerprint: text("fingerprint"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("adaptations_owner_name_version").on(t.ownerId, t.name, t.version), index("adaptations_owner_idx").on(t.ownerId)],
);

/**
 * The pieces an adaptation learned from. No foreign key to pieces: a source that is gone stays named, and nobody
 * can read it any more, so nobody may use the adaptation (the rule is: read every source).
 */
export const adaptationSources = pgTable(
  "adaptation_sources",
  {
    adaptationId: text("adaptation_id")
      .notNull()
      .references(() => adaptations.id, { onDelete: "cascade" }),
    pieceId: text("piece_id").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [primaryKey({ columns: [t.adaptationId, t.pieceId] }), index("adaptation_sources_piece_idx").on(t.pieceId)],
);
