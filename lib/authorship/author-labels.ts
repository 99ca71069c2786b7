/** The letters on an author's notes and beside them in Shares, so authors are told apart without colour alone. */
import type { Provenance } from "../doc-schema";
import { initialLabels, initialOf } from "../initial-labels";
import { personName, type PeopleNames } from "./people-names";

/**
 * Each person's label on their notes (models are "AI"): initials numbered when two people share one,
 * ordered by name then id so a person keeps their label while the same people are in the piece.
 */
export function authorLabels(provenance: Iterable<Provenance>, names: PeopleNames): Map<string, string> {
  const people = new Map<string, string>();
  for (const p of provenance) if (p.kind === "human" && !people.has(p.userId)) people.set(p.userId, personName(p.userId, names, p.name));
  const sorted = [...people].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return initialLabels(sorted);
}

/** The tag on an author's notes and beside them in Shares: "AI" for a model, else the person's label from authorLabels (their initial when not there). */
export function authorTag(kind: "human" | "model", personId: string | undefined, name: string, people: ReadonlyMap<string, string>): string {
  return kind === "model" ? "AI" : ((personId !== undefined && people.get(personId)) || initialOf(name));
}
