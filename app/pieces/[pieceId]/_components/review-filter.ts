/** Review mode's view of the notes: whose each note is (as a contributor key), and the author filter. */
import type { NoteWithId, Provenance } from "@/lib/doc-schema";
import { authorKeyOf } from "@/lib/authorship/author-key";
import { authorName, type PeopleNames } from "@/lib/authorship/people-names";

export const ALL_AUTHORS = "all";

export function filterByAuthor<N extends NoteWithId>(notes: readonly N[], keyOf: (n: N) => string, filter: string): readonly N[] {
  return filter === ALL_AUTHORS ? notes : notes.filter((n) => keyOf(n) === filter);
}

export interface AuthorOption {
  key: string;
  name: string;
}

/** The authors to offer in the filter: everyone whose notes are in the piece now, or were at any point of the replay. */
export function authorOptions(
  provenance: ReadonlyMap<string, Provenance>,
  names: PeopleNames,
  replayAuthors: readonly AuthorOption[] = [],
): AuthorOption[] {
  const options = new Map<string, string>();
  for (const a of replayAuthors) options.set(a.key, a.name);
  provenance.forEach((p) => {
    const key = authorKeyOf(p);
    if (!options.has(key)) options.set(key, authorName(p, names));
  });
  return [...options].map(([key, name]) => ({ key, name })).sort((a, b) => a.name.localeCompare(b.name));
}
