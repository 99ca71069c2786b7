import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const memberRoles = pgEnum("member_role", ["owner", "editor", "reviewer", "viewer"]);
export type MemberRole = (typeof memberRoles.enumValues)[number];

export const pieces = pgTable("pieces", {
  id: text("id").primaryKey(),
  title: text("title").notNull(),
  ownerId: text("owner_id")
    .notNull()
    .references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  /** Several app processes (REDIS_URL): the last entry of the piece's Redis update stream written to doc_updates. */
  streamSavedTo: text("stream_saved_to"),
});

export const pieceMembers = pgTable(
  "piece_members",
  {
    pieceId: text("piece_id")
      .notNull()
      .references(() => pieces.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: memberRoles("role").notNull(),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.pieceId, t.userId] }), index("piece_members_user_idx").on(t.userId)],
);

export const pieceInvites = pgTable(
  "piece_invites",
  {
    token: text("token").primaryKey(),
    pieceId: text("piece_id")
      .notNull()
      .references(() => pieces.id, { onDelete: "cascade" }),
    role: memberRoles("role").notNull(),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Null: never expires. */
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    /** How many people may join with it; null: any number. */
    maxUses: integer("max_uses"),
    /** Set by the owner's revoke, or when a member who joined with it is removed or demoted below its role. */
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("piece_invites_piece_idx").on(t.pieceId), check("piece_invites_max_uses_positive", sql`${t.maxUses} > 0`)],
);

/** Who joined (or was raised) with which invite: its use count, and the links to revoke when that member is removed. */
export const pieceInviteUses = pgTable(
  "piece_invite_uses",
  {
    token: text("token")
      .notNull()
      .references(() => pieceInvites.token, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    usedAt: timestamp("used_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.token, t.userId] }), index("piece_invite_uses_user_idx").on(t.userId)],
);
