/** Who may see and use an adaptation: whoever may read every piece it learned from (its owner included only then). */
import { TRPCError } from "@trpc/server";
import { and, asc, eq, inArray, notExists, sql } from "drizzle-orm";
import type { Db } from "../../db";
import { adaptations, adaptationSources, pieceMembers } from "../../db/schema";

export type AdaptationRow = typeof adaptations.$inferSelect;

/** The sources of an adaptation that `userId` is not a member of (none: they may use it). */
const unreadableSource = (db: Db, userId: string) =>
  db
    .select({ one: sql`1` })
    .from(adaptationSources)
    .where(
      and(
        eq(adaptationSources.adaptationId, adaptations.id),
        notExists(
          db
            .select({ one: sql`1` })
            .from(pieceMembers)
            .where(and(eq(pieceMembers.pieceId, adaptationSources.pieceId), eq(pieceMembers.userId, userId))),
        ),
      ),
    );

/** The adaptations a person may see: every one whose sources they may all read. Newest first. */
export async function visibleAdaptations(db: Db, userId: string, onlyIds?: string[]): Promise<AdaptationRow[]> {
  return db
    .select()
    .from(adaptations)
    .where(and(notExists(unreadableSource(db, userId)), onlyIds ? inArray(adaptations.id, onlyIds) : undefined))
    .orderBy(sql`${adaptations.createdAt} desc`, asc(adaptations.name));
}

export async function sourcePieceIds(db: Db, adaptationId: string): Promise<string[]> {
  const rows = await db
    .select({ pieceId: adaptationSources.pieceId })
    .from(adaptationSources)
    .where(eq(adaptationSources.adaptationId, adaptationId))
    .orderBy(asc(adaptationSources.position));
  return rows.map((r) => r.pieceId);
}

/** The adaptation, if the person may read all its sources; FORBIDDEN, saying why, if it exists and they may not. */
export async function requireUsableAdaptation(db: Db, userId: string, id: string): Promise<AdaptationRow> {
  const [row] = await visibleAdaptations(db, userId, [id]);
  if (row) return row;
  const [other] = await db.select({ id: adaptations.id }).from(adaptations).where(eq(adaptations.id, id));
  if (!other) throw new TRPCError({ code: "NOT_FOUND", message: `Adaptation ${id} not found` });
  throw new TRPCError({
    code: "FORBIDDEN",
    message: "You may not use this style: it learned from pieces you cannot read, and only people who may read all of them may use it.",
  });
}

