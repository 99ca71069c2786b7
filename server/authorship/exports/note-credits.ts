/**
 * Who wrote each note in the piece now, and who changed it since: the ledger's latest `create` row
 * for the note (the document's provenance when no row is saved yet, as in the shares panel), then
 * every later `update` row by a person other than the author.
 */
import type { Note } from "../../../lib/doc-schema";
import { authorFromProvenance, authorsFromLedger, type NoteAuthor } from "../shares";
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
  author: NoteAuthor | null;
  generationId: string | null;
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
  const creates = x.ledger.filter((r) => r.action === "create");
  const fromLedger = authorsFromLedger(creates);
  const latestCreate = new Map<string, LedgerExportRow>();
  for (const r of creates) latestCreate.set(r.noteId, r); // rows are in seq order
  const settingsOf = new Map(x.generations.map((g) => [g.id, g.settings]));
  const updates = new Map<string, LedgerExportRow[]>();
  for (const r of x.ledger) {
    if (r.action !== "update") continue;
    const since = latestCreate.get(r.noteId)?.seq ?? -1;
    if (r.seq > since) updates.set(r.noteId, [...(updates.get(r.noteId) ?? []), r]);
  }

  const credits = new Map<string, NoteCredit>();
  for (const { id } of x.notes) {
    const prov = x.provenance.get(id);
    const author = fromLedger.get(id) ?? (prov ? authorFromProvenance(prov) : null);
    const created = latestCreate.get(id);
    const generationId = author?.kind === "model" ? (created?.generationId ?? (prov?.kind === "model" ? prov.generationId : null)) : null;
    const seed = generationId ? seedOf(created?.settings ?? settingsOf.get(generationId)) : null;
    credits.set(id, { noteId: id, author, generationId, seed, edits: editsOf(author, updates.get(id) ?? [], prov?.editedBy ?? [], x.people) });
  }
  return credits;
}

/** A human author editing their own note is not an edit by someone else; a model's note edited by anyone is. */
function editsOf(author: NoteAuthor | null, rows: LedgerExportRow[], provenanceEditors: string[], people: ReadonlyMap<string, string>): NoteEdit[] {
  const own = (userId: string) => author?.kind === "human" && author.userId === userId;
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

export function authorLabel(author: NoteAuthor | null): string {
  if (!author) return "unattributed";
  return author.kind === "human" ? author.name : `${author.model} ${author.version}`.trim();
}

/** A stable key per author: one colour, one legend entry. */
export function authorKey(author: NoteAuthor | null): string {
  if (!author) return "unattributed";
  return author.kind === "human" ? `human:${author.userId}` : `model:${author.model}`;
}
