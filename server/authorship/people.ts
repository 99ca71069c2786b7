/** Names for everyone a piece's ledger and provenance name: provenance holds ids only (lib/authorship/people-names.ts). */
import { inArray } from "drizzle-orm";
import type { Db } from "../../db";
import { users } from "../../db/schema";
import type { Provenance } from "../../lib/doc-schema";
import { namesOf, unnamedIds } from "../../lib/authorship/people-names";

/**
 * The ledger rows' actors by name, and the people only the provenance names (edits not saved yet) from the users
 * table: the one query is asked only when there are such people.
 */
export async function peopleOfPiece(
  db: Db,
  ledger: readonly { actorId: string; actorName: string }[],
  provenance: ReadonlyMap<string, Provenance>,
): Promise<Map<string, string>> {
  const people = namesOf(ledger.map((r) => ({ id: r.actorId, name: r.actorName })));
  const unnamed = unnamedIds(provenance.values(), people);
  if (unnamed.length > 0) {
    for (const u of await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, unnamed))) people.set(u.id, u.name);
  }
  return people;
}
