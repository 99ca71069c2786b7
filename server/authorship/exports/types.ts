/** Everything the credit exports read about one piece, as plain data (loaded by load.ts, scripted in tests). */
import type { Note, NoteWithId, PieceMeta, Provenance, Track } from "../../../lib/doc-schema";

export type LedgerAction = "create" | "update" | "delete";

/** One note_ledger row with the names and the generation it came from. */
export interface LedgerExportRow {
  seq: number;
  at: Date;
  noteId: string;
  action: LedgerAction;
  authorKind: "human" | "model";
  /** The authenticated person who made the change; for model rows, the person who accepted the notes. */
  actorId: string;
  actorName: string;
  generationId: string | null;
  /** The undo-by-author operation this change was part of, if any. */
  operationId: string | null;
  model: string | null;
  modelVersion: string | null;
  /** The generation's settings as recorded (temperature, topP, seed, ...). */
  settings: Record<string, unknown> | null;
  before: Note | null;
  after: Note | null;
}

export type GenerationOutcome = "running" | "ready" | "failed" | "accepted" | "discarded";

export interface GenerationRecord {
  id: string;
  model: string;
  modelVersion: string;
  mode: "infill" | "continue" | "jam";
  requestedBy: string;
  requestedByName: string;
  candidateCount: number;
  outcome: GenerationOutcome;
  acceptedCandidate: number | null;
  decidedByName: string | null;
  settings: Record<string, unknown>;
  createdAt: Date;
}

export interface PieceExport {
  piece: { id: string; title: string };
  meta: PieceMeta;
  tracks: (Track & { id: string })[];
  notes: NoteWithId[];
  provenance: ReadonlyMap<string, Provenance>;
  ledger: LedgerExportRow[];
  generations: GenerationRecord[];
  /** Names of everyone the ledger or the provenance mentions, by user id. */
  people: ReadonlyMap<string, string>;
  exportedAt: Date;
}
