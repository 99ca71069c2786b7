/**
 * What accepting a candidate does to the notes already in its region: a candidate note equal to one there (same
 * track, pitch, start and length) keeps that note and its author (the model agreed with it, and agreeing is not
 * writing); every other note of the region is replaced. The server writes it (server/collab/accept-notes.ts); the
 * editor asks first when the notes it would replace are other people's.
 */
import type { Note, NoteWithId } from "./doc-schema";
import { inRegion, type Region } from "./region";
import type { Meter } from "./time";

const soundKey = (n: Note): string => `${n.track}/${n.pitch}/${n.start}/${n.duration}`;

/** Splits a candidate into the notes to write and the ids of equal notes already there (each answers for one). */
export function matchExisting(candidate: readonly Note[], there: readonly (readonly [string, Note])[]): { fresh: Note[]; agreed: string[] } {
  const free = new Map<string, string[]>();
  for (const [id, n] of there) {
    const key = soundKey(n);
    free.set(key, [...(free.get(key) ?? []), id]);
  }
  const fresh: Note[] = [];
  const agreed: string[] = [];
  for (const note of candidate) {
    const id = free.get(soundKey(note))?.shift();
    if (id === undefined) fresh.push(note);
    else agreed.push(id);
  }
  return { fresh, agreed };
}

/** The ids of the notes an accept of `candidate` would remove from `region`. */
export function replacedByAccept(candidate: readonly Note[], notes: readonly NoteWithId[], region: Region, meter: Meter): string[] {
  const there = notes.filter((n) => inRegion(n, region, meter)).map((n) => [n.id, n] as const);
  const { agreed } = matchExisting(candidate, there);
  return there.map(([id]) => id).filter((id) => !agreed.includes(id));
}
