/** Who wrote the notes that are in a piece now: per person and per model, a note count and a share. */
import type { Provenance } from "../doc-schema";
import { UNKNOWN_MODEL } from "./author-key";
import { accepterName, authorName, type PeopleNames } from "./people-names";

export type NoteAuthor =
  | { kind: "human"; userId: string; name: string }
  | { kind: "model"; model: string; version: string; acceptedBy: string; acceptedByName: string };

/** A `create` row of the note ledger, with the actor's name and (for model notes) the generation's model. */
export interface LedgerCreateRow {
  seq: number;
  noteId: string;
  authorKind: "human" | "model";
  actorId: string;
  actorName: string;
  model: string | null;
  modelVersion: string | null;
}

export interface PersonShare {
  userId: string;
  name: string;
  notes: number;
  share: number;
  /** Model notes this person accepted into the piece (counted under the model, not here). */
  acceptedModelNotes: number;
}

export interface ModelShare {
  model: string;
  versions: string[];
  notes: number;
  share: number;
}

export interface Shares {
  total: number;
  people: PersonShare[];
  models: ModelShare[];
  /** Notes with no known author (neither a ledger row nor provenance). */
  unattributed: number;
}

/**
 * Each note's author from its first `create` row: a later create of the same id is an undo bringing the note
 * back, which never changes who wrote it (the same rule as the contribution report, server/authorship/note-origins.ts).
 */
export function authorsFromLedger(rows: readonly LedgerCreateRow[]): Map<string, NoteAuthor> {
  const latest = new Map<string, LedgerCreateRow>();
  for (const row of rows) {
    const seen = latest.get(row.noteId);
    if (!seen || row.seq < seen.seq) latest.set(row.noteId, row);
  }
  const authors = new Map<string, NoteAuthor>();
  for (const [noteId, row] of latest) {
    authors.set(
      noteId,
      row.authorKind === "model"
        ? { kind: "model", model: row.model ?? UNKNOWN_MODEL, version: row.modelVersion ?? "", acceptedBy: row.actorId, acceptedByName: row.actorName }
        : { kind: "human", userId: row.actorId, name: row.actorName },
    );
  }
  return authors;
}

export function authorFromProvenance(p: Provenance, names: PeopleNames): NoteAuthor {
  return p.kind === "model"
    ? { kind: "model", model: p.model, version: p.version, acceptedBy: p.acceptedBy, acceptedByName: accepterName(p, names) }
    : { kind: "human", userId: p.userId, name: authorName(p, names) };
}

/** Counts each current note once, for its author; shares are fractions of all current notes. */
export function computeShares(noteIds: readonly string[], authorOf: (noteId: string) => NoteAuthor | undefined): Shares {
  const people = new Map<string, PersonShare>();
  const models = new Map<string, ModelShare>();
  const person = (userId: string, name: string) => {
    let p = people.get(userId);
    if (!p) people.set(userId, (p = { userId, name, notes: 0, share: 0, acceptedModelNotes: 0 }));
    return p;
  };
  let unattributed = 0;
  for (const id of noteIds) {
    const author = authorOf(id);
    if (!author) unattributed++;
    else if (author.kind === "human") person(author.userId, author.name).notes++;
    else {
      let m = models.get(author.model);
      if (!m) models.set(author.model, (m = { model: author.model, versions: [], notes: 0, share: 0 }));
      m.notes++;
      if (author.version && !m.versions.includes(author.version)) m.versions.push(author.version);
      person(author.acceptedBy, author.acceptedByName).acceptedModelNotes++;
    }
  }
  const total = noteIds.length;
  const share = (n: number) => (total === 0 ? 0 : n / total);
  const byNotes = <T extends { notes: number }>(a: T, b: T, key: (x: T) => string) => b.notes - a.notes || key(a).localeCompare(key(b));
  return {
    total,
    people: [...people.values()].map((p) => ({ ...p, share: share(p.notes) })).sort((a, b) => byNotes(a, b, (x) => x.name)),
    models: [...models.values()].map((m) => ({ ...m, share: share(m.notes) })).sort((a, b) => byNotes(a, b, (x) => x.model)),
    unattributed,
  };
}

/** Shares from the doc's provenance alone: the editor's count while the server's (from the ledger) is not there. */
export const sharesOfProvenance = (noteIds: readonly string[], provenance: ReadonlyMap<string, Provenance>, names: PeopleNames): Shares =>
  computeShares(noteIds, (id) => {
    const p = provenance.get(id);
    return p && authorFromProvenance(p, names);
  });

/** One line of the Shares panel: a person or a model. */
export interface ShareRow {
  kind: "human" | "model";
  id: string;
  name: string;
  notes: number;
  share: number; // 0..1
}

/** People and models in one list, largest first. */
export function rowsFromShares(s: Pick<Shares, "people" | "models">): ShareRow[] {
  return [
    ...s.people.map((p) => ({ kind: "human" as const, id: p.userId, name: p.name, notes: p.notes, share: p.share })),
    ...s.models.map((m) => ({ kind: "model" as const, id: m.model, name: m.model, notes: m.notes, share: m.share })),
  ].sort((a, b) => b.notes - a.notes);
}
