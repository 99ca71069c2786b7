/**
 * The contribution report of a piece: per person and per model, what they created, accepted, edited
 * and deleted (notes and total duration), their share of the piece as it stands (by notes, by
 * duration, and the bars each dominates), the model's acceptance rate, and a timeline. A pure
 * function over the ledger, the doc's current notes and the generations; `method` says how.
 */
import { humanKey } from "../../lib/authorship/author-key";
import type { AcceptanceReport, ContributionReport, ContributorReport, ReportGeneration, ReportInput, Tally } from "../../lib/authorship/report-types";
import { noteOrigins, type NoteOrigin } from "./note-origins";
import { barShares } from "./report-bars";
import { timelineOf } from "./report-timeline";

export const REPORT_METHOD = [
  "Every figure comes from the note ledger, which the server appends to for each change of each note, attributed to the signed-in person whose connection made it (never to what a client claims).",
  "A note's author is the first 'create' row for its id: the person who drew it, or, for a model's note, the model (the person who accepted it is credited with an acceptance). A later create of the same id is a restoration (an undo) and changes no credit.",
  "Created, accepted, edited and deleted count ledger rows: notes and the sum of their durations in ticks (480 a beat). Edited counts distinct notes (and every change separately); a model's edited and deleted figures count its notes that people later changed or removed.",
  "The share of the piece is taken over the notes in the shared document now, by count and by duration; a bar's ticks are each note's sounding time inside that bar, and a bar is dominated by the contributor with the most ticks in it (ties dominate nobody).",
  "The AI acceptance rate is candidates accepted over candidates generated (each accepted request keeps exactly one of its candidates; failed requests generate none, and a candidate without notes is never shown, so it is not counted).",
  "Notes the ledger does not know yet (edits from the last second, not yet saved) are credited from the document's own provenance; notes with neither are unattributed.",
];

const tally = (): Tally => ({ notes: 0, ticks: 0 });
const add = (t: Tally, ticks: number) => {
  t.notes++;
  t.ticks += ticks;
};

export function computeReport(input: ReportInput): ContributionReport {
  const generations = new Map<string, ReportGeneration>(input.generations.map((g) => [g.id, g]));
  const origins = noteOrigins(input.ledger, generations, input.provenance, input.people);
  const contributors = new Map<string, ContributorReport>();
  const contributor = (o: Pick<NoteOrigin, "key" | "kind" | "id" | "name">): ContributorReport => {
    let c = contributors.get(o.key);
    if (!c) {
      c = { key: o.key, kind: o.kind, id: o.id, name: o.name, versions: [], created: tally(), accepted: tally(), edited: { ...tally(), changes: 0 }, deleted: tally(), current: { ...tally(), noteShare: 0, tickShare: 0 }, dominantBars: [] };
      contributors.set(o.key, c);
    }
    return c;
  };
  const person = (id: string, name: string) => contributor({ key: humanKey(id), kind: "human", id, name });

  const created = new Set<string>();
  const editedBy = new Map<string, Map<string, number>>(); // contributor key -> note id -> ticks as left
  const humanEdited = new Set<string>();
  for (const row of input.ledger) {
    const origin = origins.get(row.noteId);
    const actor = person(row.actorId, row.actorName);
    if (row.action === "create") {
      if (created.has(row.noteId) || !row.after || !origin) continue;
      created.add(row.noteId);
      const author = contributor(origin);
      add(author.created, row.after.duration);
      if (origin.kind === "model") {
        add(author.accepted, row.after.duration);
        add(actor.accepted, row.after.duration);
        if (origin.version && !author.versions.includes(origin.version)) author.versions.push(origin.version);
      }
    } else if (row.action === "update" && row.after) {
      actor.edited.changes++;
      noteTicks(editedBy, actor.key).set(row.noteId, row.after.duration);
      if (origin?.kind === "model") {
        contributor(origin).edited.changes++;
        noteTicks(editedBy, origin.key).set(row.noteId, row.after.duration);
        humanEdited.add(row.noteId);
      }
    } else if (row.action === "delete" && row.before) {
      add(actor.deleted, row.before.duration);
      if (origin?.kind === "model") add(contributor(origin).deleted, row.before.duration);
    }
  }
  for (const [key, notes] of editedBy) {
    const c = contributors.get(key)!;
    c.edited.notes = notes.size;
    c.edited.ticks = [...notes.values()].reduce((a, b) => a + b, 0);
  }

  const totals = { notes: input.notes.length, ticks: 0, human: tally(), ai: tally(), unattributed: tally(), aiHumanEdited: 0, bars: 0 };
  for (const n of input.notes) {
    totals.ticks += n.duration;
    const origin = origins.get(n.id);
    if (!origin) add(totals.unattributed, n.duration);
    else {
      add(origin.kind === "human" ? totals.human : totals.ai, n.duration);
      add(contributor(origin).current, n.duration);
      if (origin.kind === "model" && humanEdited.has(n.id)) totals.aiHumanEdited++;
    }
  }
  const bars = barShares(input.notes, (id) => origins.get(id), input.meter);
  totals.bars = bars.length;
  for (const b of bars) if (b.dominant) contributors.get(b.dominant)?.dominantBars.push(b.bar);
  for (const c of contributors.values()) {
    c.current.noteShare = totals.notes ? c.current.notes / totals.notes : 0;
    c.current.tickShare = totals.ticks ? c.current.ticks / totals.ticks : 0;
  }

  return {
    totals,
    contributors: [...contributors.values()].sort((a, b) => b.current.ticks - a.current.ticks || b.created.notes - a.created.notes || a.name.localeCompare(b.name)),
    bars,
    acceptance: acceptanceOf(input.generations),
    timeline: timelineOf(input.ledger, generations, input.meter),
    method: REPORT_METHOD,
  };
}

function noteTicks(m: Map<string, Map<string, number>>, key: string): Map<string, number> {
  let inner = m.get(key);
  if (!inner) m.set(key, (inner = new Map()));
  return inner;
}

const GENERATED: ReadonlySet<ReportGeneration["outcome"]> = new Set(["ready", "accepted", "discarded"]);

function acceptanceOf(generations: readonly ReportGeneration[]): { overall: AcceptanceReport; models: AcceptanceReport[] } {
  const empty = (model: string): AcceptanceReport => ({ model, requests: 0, failed: 0, candidatesGenerated: 0, candidatesAccepted: 0, rate: null });
  const overall = empty("all models");
  const models = new Map<string, AcceptanceReport>();
  for (const g of generations) {
    if (g.mode === "jam") continue; // a kept jam take was never a choice among candidates
    let m = models.get(g.model);
    if (!m) models.set(g.model, (m = empty(g.model)));
    for (const r of [overall, m]) {
      r.requests++;
      if (g.outcome === "failed") r.failed++;
      if (GENERATED.has(g.outcome)) r.candidatesGenerated += g.candidateCount;
      if (g.outcome === "accepted") r.candidatesAccepted++;
    }
  }
  const withRate = (r: AcceptanceReport) => ({ ...r, rate: r.candidatesGenerated ? r.candidatesAccepted / r.candidatesGenerated : null });
  return { overall: withRate(overall), models: [...models.values()].map(withRate).sort((a, b) => a.model.localeCompare(b.model)) };
}
