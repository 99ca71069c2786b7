/** The credit a generation records for the adaptation it used: the sources' titles and who wrote notes in them. */
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db";
import { noteLedger, pieces, users } from "../../db/schema";
import type { AdaptationCredit } from "../../lib/adaptation-credit";
import { sourcePieceIds, type AdaptationRow } from "./access";

export async function creditFor(db: Db, row: AdaptationRow): Promise<AdaptationCredit> {
  const pieceIds = await sourcePieceIds(db, row.id);
  const titles = await db.select({ id: pieces.id, title: pieces.title }).from(pieces).where(inArray(pieces.id, pieceIds));
  // Whoever wrote notes there: the people behind the human-authored creates of the piece's ledger.
  const writers = await db
    .selectDistinct({ pieceId: noteLedger.pieceId, id: users.id, name: users.name })
    .from(noteLedger)
    .innerJoin(users, eq(users.id, noteLedger.actorId))
    .where(and(inArray(noteLedger.pieceId, pieceIds), eq(noteLedger.authorKind, "human"), eq(noteLedger.action, "create")));
  const titleOf = new Map(titles.map((t) => [t.id, t.title]));
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    method: row.method,
    fingerprint: row.fingerprint ?? "",
    sources: pieceIds.map((pieceId) => ({
      pieceId,
      title: titleOf.get(pieceId) ?? "a deleted piece",
      people: writers
        .filter((w) => w.pieceId === pieceId)
        .map(({ id, name }) => ({ id, name }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    })),
  };
}
