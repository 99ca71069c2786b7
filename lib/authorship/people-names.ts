/**
 * People's names for the ids a piece's provenance holds. Provenance names people by id only (a name copied into each
 * note made 50 notes by someone with a long name a 5 MB document); names are looked up where they are shown: in the
 * editor from the piece's members and the server (piece.people), on the server from the ledger and the users table.
 * Entries written before then still carry a name, used only where nobody knows the id.
 */
import type { Provenance } from "../doc-schema";

/** User id -> name. */
export type PeopleNames = ReadonlyMap<string, string>;

/** Said for a person whose name is not known here (not yet asked for, or not given to this viewer). */
export const UNKNOWN_PERSON = "Unknown person";

type ModelProvenance = Extract<Provenance, { kind: "model" }>;

/** A person's name: as known now, else as an old entry stored it. */
export const personName = (userId: string, names: PeopleNames, stored?: string): string => names.get(userId) ?? stored ?? UNKNOWN_PERSON;

/** Who wrote the note, by name: the person, or the model. */
export const authorName = (p: Provenance, names: PeopleNames): string => (p.kind === "human" ? personName(p.userId, names, p.name) : p.model);

/** Who accepted a model's note into the piece, by name. */
export const accepterName = (p: ModelProvenance, names: PeopleNames): string => personName(p.acceptedBy, names, p.acceptedByName);

/** Every person an entry names: its author (or the one who accepted it) and its editors. */
export const idsOf = (p: Provenance): string[] => [p.kind === "human" ? p.userId : p.acceptedBy, ...(p.editedBy ?? [])];

/** The people the entries name whom `names` does not know, each once. */
export function unnamedIds(provenance: Iterable<Provenance>, names: PeopleNames): string[] {
  const unnamed = new Set<string>();
  for (const p of provenance) for (const id of idsOf(p)) if (!names.has(id)) unnamed.add(id);
  return [...unnamed];
}

/** One map from lists of people; a name in an earlier list wins. */
export function namesOf(...lists: Iterable<{ id: string; name: string }>[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const list of lists) for (const { id, name } of list) if (!names.has(id)) names.set(id, name);
  return names;
}
