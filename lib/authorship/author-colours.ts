/**
 * Who wrote a note, as a colour: people get a colour from their id (the same one their cursor has),
 * models one shared amber drawn with hatching, so the two never depend on hue alone.
 */
import type { Provenance } from "../doc-schema";
import { authorKeyOf, parseAuthorKey, type ContributorKey } from "./author-key";
import { authorName, type PeopleNames } from "./people-names";

export const PEOPLE_PALETTE = [
  "#4cc9f0",
  "#f72585",
  "#80ed99",
  "#b388ff",
  "#ff8c42",
  "#48bfe3",
  "#ff5d73",
  "#c5e063",
  "#e0aaff",
  "#2ec4b6",
] as const;
export const MODEL_COLOUR = "#ffd23f";
export const UNKNOWN_COLOUR = "#8a8f98";

export function colourForId(id: string): string {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return PEOPLE_PALETTE[(h >>> 0) % PEOPLE_PALETTE.length];
}

export interface AuthorStyle {
  key: ContributorKey;
  colour: string;
  hatched: boolean;
  label: string;
}

export function authorStyle(p: Provenance | undefined, names: PeopleNames): AuthorStyle {
  const key = authorKeyOf(p);
  if (!p) return { key, colour: UNKNOWN_COLOUR, hatched: false, label: "Unattributed" };
  if (p.kind === "human") return { key, colour: colourForId(p.userId), hatched: false, label: authorName(p, names) };
  return { key, colour: MODEL_COLOUR, hatched: true, label: p.model };
}

/** A person's key gets that person's colour (as their cursor has), a model's the shared model colour, anything else grey. */
export function colourOfKey(key: string | null): string {
  const author = key === null ? null : parseAuthorKey(key);
  if (!author) return UNKNOWN_COLOUR;
  return author.kind === "model" ? MODEL_COLOUR : colourForId(author.userId);
}
