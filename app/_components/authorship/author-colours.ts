/**
 * Who wrote a note, as a colour: people get a colour from their id (the same one their cursor has),
 * models one shared amber drawn with hatching, so the two never depend on hue alone.
 */
import type { Provenance } from "@/lib/doc-schema";
import { initialLabels, initialOf } from "../initial-labels";

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
  key: string;
  colour: string;
  hatched: boolean;
  label: string;
}

export function authorStyle(p: Provenance | undefined): AuthorStyle {
  if (!p) return { key: "unknown", colour: UNKNOWN_COLOUR, hatched: false, label: "Unattributed" };
  if (p.kind === "human") return { key: `human:${p.userId}`, colour: colourForId(p.userId), hatched: false, label: p.name };
  return { key: `model:${p.model}`, colour: MODEL_COLOUR, hatched: true, label: p.model };
}

export interface ShareRow {
  kind: "human" | "model";
  id: string;
  name: string;
  notes: number;
  share: number; // 0..1
}

/** The client-side fallback for authorship.shares: counts the notes each author wrote. */
export function computeShares(noteIds: Iterable<string>, provenance: ReadonlyMap<string, Provenance>): ShareRow[] {
  const rows = new Map<string, ShareRow>();
  let total = 0;
  for (const id of noteIds) {
    const p = provenance.get(id);
    if (!p) continue;
    total++;
    const key = p.kind === "human" ? `human:${p.userId}` : `model:${p.model}`;
    const row =
      rows.get(key) ??
      (p.kind === "human"
        ? { kind: "human" as const, id: p.userId, name: p.name, notes: 0, share: 0 }
        : { kind: "model" as const, id: p.model, name: p.model, notes: 0, share: 0 });
    row.notes++;
    rows.set(key, row);
  }
  return [...rows.values()].map((r) => ({ ...r, share: total ? r.notes / total : 0 })).sort((a, b) => b.notes - a.notes);
}

/** The shape authorship.shares answers with (people and models apart). */
export interface ServerShares {
  people: { userId: string; name: string; notes: number; share: number }[];
  models: { model: string; notes: number; share: number }[];
}

export function rowsFromShares(s: ServerShares): ShareRow[] {
  return [
    ...s.people.map((p) => ({ kind: "human" as const, id: p.userId, name: p.name, notes: p.notes, share: p.share })),
    ...s.models.map((m) => ({ kind: "model" as const, id: m.model, name: m.model, notes: m.notes, share: m.share })),
  ].sort((a, b) => b.notes - a.notes);
}

/**
 * Each person's label on their notes (models are "AI"): initials numbered when two people share one,
 * ordered by name then id so a person keeps their label while the same people are in the piece.
 */
export function authorLabels(provenance: Iterable<Provenance>): Map<string, string> {
  const people = new Map<string, string>();
  for (const p of provenance) if (p.kind === "human") people.set(p.userId, p.name);
  const sorted = [...people].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return initialLabels(sorted);
}

/** The tag on an author's notes and beside them in Shares: "AI" for a model, else the person's label from authorLabels (their initial when not there). */
export function authorTag(kind: "human" | "model", personId: string | undefined, name: string, people: ReadonlyMap<string, string>): string {
  return kind === "model" ? "AI" : ((personId !== undefined && people.get(personId)) || initialOf(name));
}
