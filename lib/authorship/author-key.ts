/**
 * Who wrote a note, as one string: `human:<userId>` or `model:<model name>`. The contribution report, the replay,
 * the review filter, the colours and the exports all key authors by it; notes with no known author are "unattributed".
 */
import type { Provenance } from "../doc-schema";

export type AuthorKey = `human:${string}` | `model:${string}`;
export const UNATTRIBUTED = "unattributed";
/** An author's key, or "unattributed" where nobody is known. */
export type ContributorKey = AuthorKey | typeof UNATTRIBUTED;

/** The model name a model note is credited to when its generation is not known. */
export const UNKNOWN_MODEL = "unknown model";

const HUMAN = "human:";
const MODEL = "model:";

export const humanKey = (userId: string): AuthorKey => `${HUMAN}${userId}`;
export const modelKey = (model: string): AuthorKey => `${MODEL}${model}`;

export type ParsedAuthorKey = { kind: "human"; userId: string } | { kind: "model"; model: string };

/** The author a key names, or null for "unattributed" and anything that is not an author's key. */
export function parseAuthorKey(key: string): ParsedAuthorKey | null {
  if (key.startsWith(HUMAN)) return { kind: "human", userId: key.slice(HUMAN.length) };
  if (key.startsWith(MODEL)) return { kind: "model", model: key.slice(MODEL.length) };
  return null;
}

/** The person a key names (their user id), or null for a model's key and anything else. */
export function personOfKey(key: string | null | undefined): string | null {
  const author = key ? parseAuthorKey(key) : null;
  return author?.kind === "human" ? author.userId : null;
}

/** The model a key names, or null for a person's key and anything else. */
export function modelOfKey(key: string | null | undefined): string | null {
  const author = key ? parseAuthorKey(key) : null;
  return author?.kind === "model" ? author.model : null;
}

/** A note's author key from its provenance in the doc. */
export const authorKeyOf = (p: Provenance | undefined): ContributorKey => (!p ? UNATTRIBUTED : p.kind === "human" ? humanKey(p.userId) : modelKey(p.model));
