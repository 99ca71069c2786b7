/**
 * The question asked before an action changes other people's notes for everyone: how many notes, and whose.
 * A note is the person's who wrote it, or, for a model's note, the person's who accepted it into the piece.
 * Notes that are all the asker's own need no question (their undo covers them), nor do notes put back.
 */
import type { Provenance } from "@/lib/doc-schema";
import { personName, type PeopleNames } from "@/lib/authorship/people-names";
import { countOf } from "@/lib/plural";
import type { Question } from "@/app/_components/confirm-dialog";

/** What an action does to one note: removes it, changes it, or puts it back. */
export interface PlannedChange {
  noteId: string;
  change: "remove" | "change" | "restore";
}

export interface Asker {
  me: string; // the asker's user id
  provenance: ReadonlyMap<string, Provenance>;
  names: PeopleNames;
}

/** Whose a note is: its author, or the person who accepted the model's note; null when nobody is known. */
export const ownerOf = (p: Provenance | undefined): string | null => (!p ? null : p.kind === "human" ? p.userId : p.acceptedBy);

/** "14 are Bob's, 6 are Ada's and 2 are yours": biggest share first, yours and the unknown last. */
export function whoseWords(noteIds: readonly string[], a: Asker): string {
  const counts = new Map<string | null, number>();
  for (const id of noteIds) {
    const owner = ownerOf(a.provenance.get(id));
    counts.set(owner, (counts.get(owner) ?? 0) + 1);
  }
  const others = [...counts].filter(([o]) => o !== null && o !== a.me).sort((x, y) => y[1] - x[1]);
  const parts = others.map(([o, n]) => `${n} ${n === 1 ? "is" : "are"} ${possessive(personName(o!, a.names))}`);
  const mine = counts.get(a.me) ?? 0;
  if (mine > 0) parts.push(`${mine} ${mine === 1 ? "is" : "are"} yours`);
  const unknown = counts.get(null) ?? 0;
  if (unknown > 0) parts.push(`${unknown} ${unknown === 1 ? "has" : "have"} no known author`);
  if (parts.length === 1 && noteIds.length > 1) return `All ${parts[0]}`;
  if (parts.length === 1) return parts[0].replace(/^1 is/, "It is").replace(/^1 has/, "It has");
  return joinAnd(parts);
}

/** The question before removing notes (with a track, when `action` says so), or null when they are all the asker's own. */
export function removalQuestion(noteIds: readonly string[], a: Asker, action?: { title: string; confirm: string }): Question | null {
  if (noteIds.every((id) => ownerOf(a.provenance.get(id)) === a.me)) return null;
  const notes = countOf(noteIds.length, "note");
  return {
    title: action?.title ?? `Remove ${notes} for everyone?`,
    body: `${whoseWords(noteIds, a)}. Ctrl+Z brings ${noteIds.length === 1 ? "it" : "them"} back.`,
    confirm: action?.confirm ?? `Remove ${notes}`,
  };
}

/**
 * The question before an operation that removes or changes notes (undo by author, an accept that replaces
 * notes), or null when every note it removes or changes is the asker's own.
 */
export function changeQuestion(title: string, confirm: string, planned: readonly PlannedChange[], a: Asker): Question | null {
  const touched = planned.filter((c) => c.change !== "restore").map((c) => c.noteId);
  if (touched.every((id) => ownerOf(a.provenance.get(id)) === a.me)) return null;
  const count = (kind: PlannedChange["change"]) => planned.filter((c) => c.change === kind).length;
  const [gone, changed, back] = [count("remove"), count("change"), count("restore")];
  const effects = [
    gone > 0 && `${countOf(gone, "note")} ${gone === 1 ? "goes" : "go"}`,
    changed > 0 && `${countOf(changed, "note")} ${changed === 1 ? "changes" : "change"}`,
    back > 0 && `${countOf(back, "note")} ${back === 1 ? "comes" : "come"} back`,
  ].filter((e): e is string => typeof e === "string");
  const whose = whoseWords(touched, a);
  // Only removals: the title says so, the body says whose.
  if (gone === planned.length) return { title, body: `${whose}. Ctrl+Z brings ${gone === 1 ? "it" : "them"} back.`, confirm };
  const ofThose = back > 0 ? `Of those that go or change, ${lowerFirst(whose)}` : whose;
  return { title, body: `For everyone, ${joinAnd(effects)}. ${ofThose}. Ctrl+Z takes it back.`, confirm };
}

const possessive = (name: string): string => `${name}'s`;
const lowerFirst = (s: string): string => (s.startsWith("All ") || s.startsWith("It ") ? s[0].toLowerCase() + s.slice(1) : s);
const joinAnd = (parts: readonly string[]): string => (parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`);
