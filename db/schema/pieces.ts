import { index, pgEnum, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
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

export const pieceInvites = pgTable("piece_invites", {
  token: text("token").primaryKey(),
  pieceId: text("piece_id")
    .notNull()
    .references(() => pieces.id, { onDelete: "cascade" }),
  role: memberRoles("role").notNull(),
  createdBy: text("created_by")
    .notNull()
    .references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true }),
});
