/**
 * Who wrote each note, from the ledger: the note's first `create` row. A later create of the same id is a
 * restoration (an undo bringing the note back), which never changes who wrote it.
 */
import type { Provenance } from "../../lib/doc-schema";
import { humanKey, modelKey, UNKNOWN_MODEL, type AuthorKey } from "../../lib/authorship/author-key";
import { accepterName, authorName, namesOf, type PeopleNames } from "../../lib/authorship/people-names";
import type { ReportGeneration, ReportLedgerRow } from "../../lib/authorship/report-types";

export interface NoteOrigin {
  key: AuthorKey;
  kind: "human" | "model";
  /** The person who wrote it, or the model's name. */
  id: string;
  name: string;
  version: string | null;
  /** For model notes: who accepted it. */
  acceptedBy: { id: string; name: string } | null;
  generationId: string | null;
}

export function originOfRow(row: ReportLedgerRow, generations: ReadonlyMap<string, ReportGeneration>): NoteOrigin {
  if (row.authorKind === "human") {
    return { key: humanKey(row.actorId), kind: "human", id: row.actorId, name: row.actorName, version: null, acceptedBy: null, generationId: null };
  }
  const g = row.generationId ? generations.get(row.generationId) : undefined;
  const model = g?.model ?? UNKNOWN_MODEL;
  return {
    key: modelKey(model),
    kind: "model",
    id: model,
    name: model,
    version: g?.modelVersion ?? null,
    acceptedBy: { id: row.actorId, name: row.actorName },
    generationId: row.generationId,
  };
}

export function originOfProvenance(p: Provenance, names: PeopleNames): NoteOrigin {
  return p.kind === "human"
    ? { key: humanKey(p.userId), kind: "human", id: p.userId, name: authorName(p, names), version: null, acceptedBy: null, generationId: null }
    : {
        key: modelKey(p.model),
        kind: "model",
        id: p.model,
        name: p.model,
        version: p.version,
        acceptedBy: { id: p.acceptedBy, name: accepterName(p, names) },
        generationId: p.generationId,
      };
}

/**
 * Each note's origin: the ledger first, the doc's provenance for notes the ledger does not know yet, its people
 * named from `people` (server/authorship/people.ts) or else the ledger's rows.
 */
export function noteOrigins(
  ledger: readonly ReportLedgerRow[],
  generations: ReadonlyMap<string, ReportGeneration>,
  provenance?: ReadonlyMap<string, Provenance>,
  people: PeopleNames = namesOf(ledger.map((r) => ({ id: r.actorId, name: r.actorName }))),
): Map<string, NoteOrigin> {
  const origins = new Map<string, NoteOrigin>();
  const firstCreate = new Map<string, ReportLedgerRow>();
  for (const row of ledger) {
    if (row.action !== "create") continue;
    const seen = firstCreate.get(row.noteId);
    if (!seen || row.seq < seen.seq) firstCreate.set(row.noteId, row);
  }
  for (const [id, row] of firstCreate) origins.set(id, originOfRow(row, generations));
  provenance?.forEach((p, id) => {
    if (!origins.has(id)) origins.set(id, originOfProvenance(p, people));
  });
  return origins;
}
