/** The note ledger as CSV, one row per ledger entry, oldest first. */
import type { Note } from "../../../lib/doc-schema";
import { toCsv } from "./csv";
import { seedOf } from "./note-credits";
import type { PieceExport } from "./types";

const NOTE_FIELDS = ["track", "pitch", "start", "duration", "velocity"] as const satisfies readonly (keyof Note)[];

export const LEDGER_CSV_HEADER = [
  "seq",
  "time",
  "note_id",
  "action",
  "author_kind",
  "actor_id",
  "actor_name",
  "model",
  "model_version",
  "generation_id",
  "generation_settings",
  "seed",
  "operation_id",
  ...NOTE_FIELDS.map((f) => `before_${f}`),
  ...NOTE_FIELDS.map((f) => `after_${f}`),
] as const;

const noteCells = (n: Note | null) => NOTE_FIELDS.map((f) => (n ? n[f] : null));

/** actor_* is the authenticated person who made the change; on model rows, the person who accepted the model's notes. */
export function buildLedgerCsv(x: Pick<PieceExport, "ledger">): string {
  return toCsv(
    LEDGER_CSV_HEADER,
    x.ledger.map((r) => [
      r.seq,
      r.at.toISOString(),
      r.noteId,
      r.action,
      r.authorKind,
      r.actorId,
      r.actorName,
      r.model,
      r.modelVersion,
      r.generationId,
      r.settings ? JSON.stringify(r.settings) : null,
      seedOf(r.settings),
      r.operationId,
      ...noteCells(r.before),
      ...noteCells(r.after),
    ]),
  );
}
