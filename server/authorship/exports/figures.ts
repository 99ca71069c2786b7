/**
 * The credit figures every export prints: each person's and each model's share of the piece as it
 * stands (by notes, through shares.ts, and by duration), per track role, and each model's acceptance rate.
 */
import { TRACK_ROLES, type TrackRole } from "../../../lib/doc-schema";
import { computeShares } from "../shares";
import { authorKey, creditNotes, type NoteCredit } from "./note-credits";
import type { GenerationRecord, PieceExport } from "./types";

export interface PersonFigure {
  userId: string;
  name: string;
  notes: number;
  noteShare: number;
  durationTicks: number;
  durationShare: number;
  /** Model notes this person accepted (counted under the model). */
  acceptedModelNotes: number;
  /** Notes by someone else (a person or a model) that this person changed. */
  editedNotes: number;
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
  generations: number;
  candidatesGenerated: number;
  candidatesAccepted: number;
  /** candidatesAccepted / candidatesGenerated; null when no candidate was ever generated. */
  acceptanceRate: number | null;
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

// Outcomes whose candidates were shown to people (failed and running ones produced none to judge).
const JUDGED = new Set<GenerationRecord["outcome"]>(["ready", "accepted", "discarded"]);

export const FIGURES_METHOD: string[] = [
  "Figures describe the piece as it stands at export time: only notes present in the document count; deleted notes do not.",
  "Each note is credited to its author from the server's append-only note ledger (the latest 'create' row for the note); the document's provenance map is used only for notes whose ledger rows are not saved yet. Authorship is attributed by the server from the authenticated connection, never from what a client claims.",
  "A model's note is credited to the model (name and version of the generation that produced it); the person who accepted it is listed as accepting, not as author. A note a person later moves, re-pitches or re-times keeps its author and lists that person as an editor.",
  "Share by notes = an author's notes / all notes (server/authorship/shares.ts, the same computation as the share panel). Share by duration = the sum of an author's note durations in ticks / the sum over all notes.",
  "Acceptance rate = candidates accepted / candidates generated, over generations whose candidates were shown (outcomes ready, accepted or discarded); failed generations produced no candidate and are not counted.",
  "Track roles map to contribution areas: melody and counter-melody = composition (melody); chords and bass = harmony and arrangement; drums = rhythm. Tandem pieces hold no lyrics.",
];

export function computeFigures(x: PieceExport): Figures {
  const credits = creditNotes(x);
  const shares = computeShares(
    x.notes.map((n) => n.id),
    (id) => credits.get(id)?.author ?? undefined,
  );
  const totalDurationTicks = x.notes.reduce((s, n) => s + n.duration, 0);
  const durShare = (d: number) => (totalDurationTicks === 0 ? 0 : d / totalDurationTicks);
  const durations = new Map<string, number>();
  const edited = new Map<string, Set<string>>();
  const modelEdited = new Map<string, { notes: number; by: Set<string> }>();
  const roleOf = new Map(x.tracks.map((t) => [t.id, t.role]));
  const roles = new Map<TrackRole, RoleFigure>(
    TRACK_ROLES.map((role) => [role, { role, notes: 0, aiNotes: 0, aiNoteShare: 0, durationTicks: 0, aiDurationTicks: 0, aiDurationShare: 0, aiHumanEditedNotes: 0 }]),
  );
  for (const n of x.notes) {
    const { author, edits } = credits.get(n.id)!;
    const key = authorKey(author);
    durations.set(key, (durations.get(key) ?? 0) + n.duration);
    for (const e of edits) edited.set(e.userId, (edited.get(e.userId) ?? new Set()).add(n.id));
    const role = roles.get(roleOf.get(n.track) ?? "chords")!;
    role.notes++;
    role.durationTicks += n.duration;
    if (author?.kind !== "model") continue;
    role.aiNotes++;
    role.aiDurationTicks += n.duration;
    if (edits.length === 0) continue;
    role.aiHumanEditedNotes++;
    const m = modelEdited.get(author.model) ?? { notes: 0, by: new Set<string>() };
    m.notes++;
    for (const e of edits) m.by.add(e.name);
    modelEdited.set(author.model, m);
  }
  for (const r of roles.values()) {
    r.aiNoteShare = r.notes === 0 ? 0 : r.aiNotes / r.notes;
    r.aiDurationShare = r.durationTicks === 0 ? 0 : r.aiDurationTicks / r.durationTicks;
  }

  const people: PersonFigure[] = shares.people.map((p) => {
    const d = durations.get(`human:${p.userId}`) ?? 0;
    return {
      userId: p.userId,
      name: p.name,
      notes: p.notes,
      noteShare: p.share,
      durationTicks: d,
      durationShare: durShare(d),
      acceptedModelNotes: p.acceptedModelNotes,
      editedNotes: edited.get(p.userId)?.size ?? 0,
    };
  });
  // People who only edited still take part in the piece; list them after the authors.
  for (const [userId, ids] of edited) {
    if (!people.some((p) => p.userId === userId)) {
      const name = x.people.get(userId) ?? userId;
      people.push({ userId, name, notes: 0, noteShare: 0, durationTicks: 0, durationShare: 0, acceptedModelNotes: 0, editedNotes: ids.size });
    }
  }

  const modelNames = new Set([...shares.models.map((m) => m.model), ...x.generations.map((g) => g.model)]);
  const models: ModelFigure[] = [...modelNames].map((model) => {
    const s = shares.models.find((m) => m.model === model);
    const gens = x.generations.filter((g) => g.model === model);
    const judged = gens.filter((g) => JUDGED.has(g.outcome));
    const accepted = judged.filter((g) => g.outcome === "accepted");
    const candidatesGenerated = judged.reduce((sum, g) => sum + g.candidateCount, 0);
    const d = durations.get(`model:${model}`) ?? 0;
    const versions = [...new Set([...(s?.versions ?? []), ...accepted.map((g) => g.modelVersion)])];
    return {
      model,
      versions,
      notes: s?.notes ?? 0,
      noteShare: s?.share ?? 0,
      durationTicks: d,
      durationShare: durShare(d),
      humanEditedNotes: modelEdited.get(model)?.notes ?? 0,
      generations: gens.length,
      candidatesGenerated,
      candidatesAccepted: accepted.length,
      acceptanceRate: candidatesGenerated === 0 ? null : accepted.length / candidatesGenerated,
      acceptedBy: [...new Set(accepted.map((g) => g.decidedByName ?? "unknown"))],
      editedBy: [...(modelEdited.get(model)?.by ?? [])],
    };
  });
  models.sort((a, b) => b.notes - a.notes || a.model.localeCompare(b.model));

  return {
    totalNotes: shares.total,
    totalDurationTicks,
    people,
    models,
    roles: [...roles.values()],
    unattributedNotes: shares.unattributed,
    credits,
    method: FIGURES_METHOD,
  };
}

export const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;
