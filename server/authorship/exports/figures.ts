/**
 * The credit figures every export prints. Shares, counts and acceptance rates are the contribution
 * report's (computeReport in server/authorship/report.ts, so the exports and the report page agree);
 * on top of it, the AI share per track role and, per note, who accepted and who edited it.
 */
import { TRACK_ROLES, type TrackRole } from "../../../lib/doc-schema";
import { modelKey } from "../../../lib/authorship/author-key";
import type { ContributorReport } from "../../../lib/authorship/report-types";
import { computeReport, REPORT_METHOD } from "../report";
import { creditNotes, type NoteCredit } from "./note-credits";
import type { PieceExport } from "./types";

export interface PersonFigure {
  userId: string;
  name: string;
  /** Their notes in the piece now. */
  notes: number;
  noteShare: number;
  durationTicks: number;
  durationShare: number;
  /** Notes they drew, all along (some may be gone). */
  written: number;
  /** Model notes they accepted, all along. */
  acceptedModelNotes: number;
  /** Distinct notes they changed. */
  editedNotes: number;
  deletedNotes: number;
  /** 0-based bars where their notes sound longest. */
  dominantBars: number[];
}

export interface ModelFigure {
  model: string;
  versions: string[];
  notes: number;
  noteShare: number;
  durationTicks: number;
  durationShare: number;
  /** Of this model's notes in the piece now, how many a person changed after accepting. */
  humanEditedNotes: number;
  dominantBars: number[];
  requests: number;
  candidatesGenerated: number;
  candidatesAccepted: number;
  /** candidatesAccepted / candidatesGenerated; null when no candidate was ever generated. */
  acceptanceRate: number | null;
  /** Who accepted / edited the model's notes that are in the piece now. */
  acceptedBy: string[];
  editedBy: string[];
}

export interface RoleFigure {
  role: TrackRole;
  notes: number;
  aiNotes: number;
  aiNoteShare: number;
  durationTicks: number;
  aiDurationTicks: number;
  aiDurationShare: number;
  aiHumanEditedNotes: number;
}

export interface Figures {
  totalNotes: number;
  totalDurationTicks: number;
  people: PersonFigure[];
  models: ModelFigure[];
  roles: RoleFigure[];
  unattributedNotes: number;
  credits: Map<string, NoteCredit>;
  method: string[];
}

export const EXPORT_METHOD: string[] = [
  "These figures are the contribution report's, computed when the file was exported, over the piece as it stood then.",
  ...REPORT_METHOD,
  "A model's notes in the piece are listed with the people who accepted them and the people who changed them since (the ledger's update rows, and the document's provenance for edits not yet saved).",
  "Track roles map to contribution areas: melody and counter-melody = composition (melody); chords and bass = harmony and arrangement; drums = rhythm. Tandem pieces hold no lyrics.",
];

export function computeFigures(x: PieceExport): Figures {
  const report = computeReport({ ledger: x.ledger, notes: x.notes, generations: x.generations, meter: x.meta, provenance: x.provenance });
  const credits = creditNotes(x);
  const roleOf = new Map(x.tracks.map((t) => [t.id, t.role]));
  const roles = new Map<TrackRole, RoleFigure>(
    TRACK_ROLES.map((role) => [role, { role, notes: 0, aiNotes: 0, aiNoteShare: 0, durationTicks: 0, aiDurationTicks: 0, aiDurationShare: 0, aiHumanEditedNotes: 0 }]),
  );
  const oversight = new Map<string, { edited: number; acceptedBy: Set<string>; editedBy: Set<string> }>();
  // A note left on a deleted track counts for its author but belongs to no contribution area.
  const noRole: RoleFigure = { role: "melody", notes: 0, aiNotes: 0, aiNoteShare: 0, durationTicks: 0, aiDurationTicks: 0, aiDurationShare: 0, aiHumanEditedNotes: 0 };
  for (const n of x.notes) {
    const { origin, edits } = credits.get(n.id)!;
    const trackRole = roleOf.get(n.track);
    const role = trackRole ? roles.get(trackRole)! : noRole;
    role.notes++;
    role.durationTicks += n.duration;
    if (origin?.kind !== "model") continue;
    role.aiNotes++;
    role.aiDurationTicks += n.duration;
    const o = oversight.get(origin.key) ?? { edited: 0, acceptedBy: new Set<string>(), editedBy: new Set<string>() };
    oversight.set(origin.key, o);
    if (origin.acceptedBy) o.acceptedBy.add(origin.acceptedBy.name);
    if (edits.length === 0) continue;
    role.aiHumanEditedNotes++;
    o.edited++;
    for (const e of edits) o.editedBy.add(e.name);
  }
  for (const r of roles.values()) {
    r.aiNoteShare = r.notes === 0 ? 0 : r.aiNotes / r.notes;
    r.aiDurationShare = r.durationTicks === 0 ? 0 : r.aiDurationTicks / r.durationTicks;
  }

  const byShare = (a: ContributorReport, b: ContributorReport) => b.current.notes - a.current.notes || b.current.ticks - a.current.ticks || a.name.localeCompare(b.name);
  const contributors = [...report.contributors].sort(byShare);
  const people: PersonFigure[] = contributors
    .filter((c) => c.kind === "human")
    .map((c) => ({
      userId: c.id,
      name: c.name,
      notes: c.current.notes,
      noteShare: c.current.noteShare,
      durationTicks: c.current.ticks,
      durationShare: c.current.tickShare,
      written: c.created.notes,
      acceptedModelNotes: c.accepted.notes,
      editedNotes: c.edited.notes,
      deletedNotes: c.deleted.notes,
      dominantBars: c.dominantBars,
    }));
  const modelNames = new Set([...contributors.filter((c) => c.kind === "model").map((c) => c.id), ...report.acceptance.models.map((a) => a.model)]);
  const models: ModelFigure[] = [...modelNames].map((model) => {
    const c = contributors.find((k) => k.kind === "model" && k.id === model);
    const a = report.acceptance.models.find((m) => m.model === model);
    const o = oversight.get(modelKey(model));
    return {
      model,
      versions: c?.versions ?? [],
      notes: c?.current.notes ?? 0,
      noteShare: c?.current.noteShare ?? 0,
      durationTicks: c?.current.ticks ?? 0,
      durationShare: c?.current.tickShare ?? 0,
      humanEditedNotes: o?.edited ?? 0,
      dominantBars: c?.dominantBars ?? [],
      requests: a?.requests ?? 0,
      candidatesGenerated: a?.candidatesGenerated ?? 0,
      candidatesAccepted: a?.candidatesAccepted ?? 0,
      acceptanceRate: a?.rate ?? null,
      acceptedBy: [...(o?.acceptedBy ?? [])],
      editedBy: [...(o?.editedBy ?? [])],
    };
  });
  models.sort((a, b) => b.notes - a.notes || a.model.localeCompare(b.model));

  return {
    totalNotes: report.totals.notes,
    totalDurationTicks: report.totals.ticks,
    people,
    models,
    roles: [...roles.values()],
    unattributedNotes: report.totals.unattributed.notes,
    credits,
    method: EXPORT_METHOD,
  };
}

export const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

/** 0-based bar numbers -> "1-4, 7" (1-based, as the editor numbers them). */
export function barRanges(bars: readonly number[]): string {
  const sorted = [...bars].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    out.push(i === j ? `${sorted[i] + 1}` : `${sorted[i] + 1}-${sorted[j] + 1}`);
    i = j + 1;
  }
  return out.join(", ");
}
