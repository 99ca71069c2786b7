/** The contribution report's inputs (plain rows, as read from the database and the Y.Doc) and its result. */
import type { Note, NoteWithId, Provenance } from "../doc-schema";
import type { Meter } from "../time";
import type { AuthorKey, ContributorKey } from "./author-key";

export interface ReportLedgerRow {
  seq: number;
  noteId: string;
  action: "create" | "update" | "delete";
  authorKind: "human" | "model";
  actorId: string;
  actorName: string;
  generationId: string | null;
  operationId: string | null;
  before: Note | null;
  after: Note | null;
  at: Date;
}

export interface ReportGeneration {
  id: string;
  requestedBy: string;
  requestedByName: string;
  model: string;
  modelVersion: string;
  candidateCount: number;
  outcome: "running" | "ready" | "failed" | "accepted" | "discarded";
  /** "jam": a kept jam take, not a request for candidates (absent: read before jams). */
  mode?: "infill" | "continue" | "jam";
  /** Made with an adaptation: "in our style: NAME vN, learned from N pieces by ..." (lib/adaptation-credit.ts). */
  adaptation?: string;
  createdAt: Date;
}

export interface ReportInput {
  ledger: readonly ReportLedgerRow[];
  /** The notes in the Y.Doc now. */
  notes: readonly NoteWithId[];
  generations: readonly ReportGeneration[];
  meter: Meter;
  /** The doc's provenance: credits notes whose ledger rows are not saved yet. */
  provenance?: ReadonlyMap<string, Provenance>;
  /** Names of the people the provenance names by id (server/authorship/people.ts); else the ledger's names. */
  people?: ReadonlyMap<string, string>;
}

export interface Tally {
  notes: number;
  /** Total note duration in ticks (480 a quarter note). */
  ticks: number;
}

export interface ContributorReport {
  key: AuthorKey;
  kind: "human" | "model";
  id: string;
  name: string;
  /** Model versions seen (models only). */
  versions: string[];
  /** People: notes they drew. Models: their notes accepted into the piece. */
  created: Tally;
  /** People: model notes they accepted. Models: the same notes as created (a model's notes only enter by acceptance). */
  accepted: Tally;
  /** People: distinct notes they changed (ticks as they left them), `changes` counts every edit. Models: their notes people changed. */
  edited: Tally & { changes: number };
  /** People: notes they removed. Models: their notes anyone removed. */
  deleted: Tally;
  /** Their notes in the piece as it stands, and the share of all its notes and ticks. */
  current: Tally & { noteShare: number; tickShare: number };
  /** Bars (0-based) where their notes sound longest. */
  dominantBars: number[];
}

export interface BarShare {
  bar: number;
  /** Ticks of sounding notes inside the bar, per contributor. */
  ticks: Partial<Record<ContributorKey, number>>;
  human: number;
  ai: number;
  /** The contributor with the most ticks in the bar; null when empty or tied. */
  dominant: AuthorKey | null;
}

export interface AcceptanceReport {
  model: string;
  requests: number;
  failed: number;
  candidatesGenerated: number;
  candidatesAccepted: number;
  /** candidatesAccepted / candidatesGenerated; null before any candidate was generated. */
  rate: number | null;
}

/** "jammed": notes of a kept jam take, the leader's and the model's. */
export type TimelineKind = "wrote" | "accepted" | "jammed" | "edited" | "deleted" | "restored" | "requested" | "operation";

export interface TimelineEvent {
  at: Date;
  until: Date;
  actor: AuthorKey;
  actorName: string;
  kind: TimelineKind;
  /** Model for accepted notes and requests. */
  model: string | null;
  notes: number;
  bars: [number, number] | null;
  operationId: string | null;
}

export interface ContributionReport {
  totals: {
    notes: number;
    ticks: number;
    human: Tally;
    ai: Tally;
    unattributed: Tally;
    /** Model notes in the piece that people have since changed ("AI-generated, human-edited"). */
    aiHumanEdited: number;
    bars: number;
  };
  contributors: ContributorReport[];
  bars: BarShare[];
  acceptance: { overall: AcceptanceReport; models: AcceptanceReport[] };
  timeline: TimelineEvent[];
  /** How each figure was computed, in words (shown with the report and carried by exports). */
  method: string[];
}
