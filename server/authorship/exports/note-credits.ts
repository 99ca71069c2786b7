/**
 * Who wrote each note in the piece now, and who changed it since: the note's origin as the
 * contribution report sees it (note-origins.ts: the first ledger `create` row, the document's
 * provenance for notes not saved yet), then every `update` row by a person other than a human author.
 */
import type { Note } from "../../../lib/doc-schema";
import { UNATTRIBUTED, type ContributorKey } from "../../../lib/authorship/author-key";
import { noteOrigins, type NoteOrigin } from "../note-origins";
import type { LedgerExportRow, PieceExport } from "./types";

export type NoteField = keyof Note;

export interface NoteEdit {
  userId: string;
  name: string;
  /** The fields this person changed, over all their edits of the note. */
  fields: NoteField[];
}

export interface NoteCredit {
  noteId: string;
  origin: NoteOrigin | null;
  seed: number | null;
  edits: NoteEdit[];
}

const FIELDS: NoteField[] = ["track", "pitch", "start", "duration", "velocity"];

export function changedFields(before: Note | null, after: Note | null): NoteField[] {
  if (!before || !after) return [];
  return FIELDS.filter((f) => before[f] !== after[f]);
}

export function seedOf(settings: Record<string, unknown> | null | undefined): number | null {
  const seed = settings?.seed;
  return typeof seed === "number" && Number.isFinite(seed) ? seed : null;
}

export function creditNotes(x: Pick<PieceExport, "notes" | "ledger" | "provenance" | "people" | "generations">): Map<string, NoteCredit> {
  const generations = new Map(x.generations.map((g) => [g.id, g]));
  const origins = noteOrigins(x.ledger, generations, x.provenance, x.people);
  const updates = new Map<string, LedgerExportRow[]>();
  for (const r of x.ledger) {
    if (r.action !== "update") continue;
    const rows = updates.get(r.noteId);
    if (rows) rows.push(r);
    else updates.set(r.noteId, [r]);
  }

  const credits = new Map<string, NoteCredit>();
  for (const { id } of x.notes) {
    const origin = origins.get(id) ?? null;
    const seed = origin?.generationId ? seedOf(generations.get(origin.generationId)?.settings) : null;
    const editors = x.provenance.get(id)?.editedBy ?? [];
    credits.set(id, { noteId: id, origin, seed, edits: editsOf(origin, updates.get(id) ?? [], editors, x.people) });
  }
  return credits;
}

/** A human author editing their own note is not an edit by someone else; a model's note edited by anyone is. */
function editsOf(origin: NoteOrigin | null, rows: LedgerExportRow[], provenanceEditors: string[], people: ReadonlyMap<string, string>): NoteEdit[] {
  const own = (userId: string) => origin?.kind === "human" && origin.id === userId;
  const edits = new Map<string, NoteEdit>();
  const edit = (userId: string, name: string) => {
    let e = edits.get(userId);
    if (!e) edits.set(userId, (e = { userId, name, fields: [] }));
    return e;
  };
  for (const r of rows) {
    if (own(r.actorId)) continue;
    const e = edit(r.actorId, r.actorName);
    for (const f of changedFields(r.before, r.after)) if (!e.fields.includes(f)) e.fields.push(f);
  }
  // Edits whose ledger rows are not saved yet still show in the document's provenance.
  for (const userId of provenanceEditors) if (!own(userId)) edit(userId, people.get(userId) ?? userId);
  return [...edits.values()];
}

/** A stable key per author (the report's contributor key): one colour, one legend entry. */
export const authorKey = (origin: NoteOrigin | null): ContributorKey => origin?.key ?? UNATTRIBUTED;
