import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, unique } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { bytea } from "./bytea";

/** "fine-tune" (method B, models/adapt/README.md) where the server has PyTorch; "style-memory" (method A) anywhere. */
export const adaptationMethods = pgEnum("adaptation_method", ["style-memory", "fine-tune"]);
export const adaptationStatuses = pgEnum("adaptation_status", ["building", "ready", "failed"]);

/**
 * What a person taught the model from pieces they may read ("our style"). The artifact is the method's own: a
 * StyleMemoryArtifact (the sources' token streams, about 3.6 bytes a token as JSON: 170 kB for 20 pieces of 32 bars
 * on 4 tracks, 740 notes each, built in 0.13 s), or a fine-tune's record (its base model and figures; its weights
 * are in adaptation_networks). It is null until the build is ready. Deleting the row deletes the artifact, the
 * network and the sources.
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

/**
 * A fine-tune's network (method B): the weights it changed in the shipped graph, as a network patch
 * (server/inference/adaptation/network-patch.ts; 1.78 MB for the last block of tandem-fim 2). In the database, so that
 * every app process and inference worker reaches it; `fingerprint` is the patch's sha256.
 */
export const adaptationNetworks = pgTable("adaptation_networks", {
  adaptationId: text("adaptation_id")
    .primaryKey()
    .references(() => adaptations.id, { onDelete: "cascade" }),
  patch: bytea("patch").notNull(),
  fingerprint: text("fingerprint").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
