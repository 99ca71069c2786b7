/**
 * An AI-disclosure summary shaped like the music industry's (DDEX-style): per contribution area,
 * whether AI took part, how much (share of notes and of duration in the tracks of that area), which
 * models and versions, and what human oversight there was (who accepted, who edited).
 */
import { z } from "zod";
import type { TrackRole } from "../../../lib/doc-schema";
import { adaptedContributions, adaptedContributionSchema } from "./disclosure-adapted";
import type { Figures, RoleFigure } from "./figures";
import type { PieceExport } from "./types";

export const DISCLOSURE_FORMAT = "tandem-ai-disclosure/1";

export const AREAS = [
  { area: "Composition", aspect: "Melody", roles: ["melody", "counter"] },
  { area: "Arrangement", aspect: "Harmony and bass", roles: ["chords", "bass"] },
  { area: "Arrangement", aspect: "Rhythm (drums)", roles: ["drums"] },
] as const satisfies readonly { area: string; aspect: string; roles: readonly TrackRole[] }[];

/**
 * None: no AI notes in the area. AIGeneratedHumanSelected: AI notes, each accepted by a person, none
 * changed since. AIGeneratedHumanEdited: some of them changed by a person after acceptance.
 */
const involvement = z.enum(["None", "AIGeneratedHumanSelected", "AIGeneratedHumanEdited", "NotApplicable"]);

const areaSchema = z.object({
  area: z.string(),
  aspect: z.string(),
  trackRoles: z.array(z.string()),
  aiInvolved: z.boolean(),
  involvement,
  notes: z.number().int(),
  aiNotes: z.number().int(),
  aiShareByNotes: z.number().min(0).max(1),
  aiShareByDuration: z.number().min(0).max(1),
  aiNotesEditedByPeople: z.number().int(),
  note: z.string().optional(),
});

export const disclosureSchema = z.object({
  format: z.literal(DISCLOSURE_FORMAT),
  shapedAfter: z.string(),
  work: z.object({ title: z.string(), pieceId: z.string() }),
  generatedAt: z.iso.datetime(),
  aiInvolved: z.boolean(),
  summary: z.string(),
  overall: z.object({ notes: z.number().int(), aiShareByNotes: z.number(), aiShareByDuration: z.number() }),
  contributionAreas: z.array(areaSchema),
  models: z.array(
    z.object({
      name: z.string(),
      versions: z.array(z.string()),
      notesInPiece: z.number().int(),
      shareByNotes: z.number(),
      shareByDuration: z.number(),
      requests: z.number().int(),
      candidatesGenerated: z.number().int(),
      candidatesAccepted: z.number().int(),
      acceptanceRate: z.number().nullable(),
    }),
  ),
  humanOversight: z.object({
    everyAiNoteAcceptedByAPerson: z.boolean(),
    acceptedBy: z.array(z.object({ name: z.string(), aiNotes: z.number().int() })),
    editedBy: z.array(z.object({ name: z.string(), notesEdited: z.number().int() })),
  }),
  humanContributors: z.array(z.object({ name: z.string(), notes: z.number().int(), shareByNotes: z.number(), shareByDuration: z.number() })),
  /** AI notes generated with an adaptation ("our style"): per generation, whose music shaped them. */
  adaptedContributions: z.array(adaptedContributionSchema),
  method: z.array(z.string()),
});
export type Disclosure = z.infer<typeof disclosureSchema>;

const DISCLOSURE_METHOD = [
  "Contribution areas follow the track roles of the piece: an area's AI share is the AI-written notes (and their summed duration) in the area's tracks over all notes (duration) in those tracks, as the piece stands at export time.",
  "Involvement is None when the area holds no AI-written note, AIGeneratedHumanEdited when a person changed at least one of its AI notes after accepting it, and AIGeneratedHumanSelected otherwise. No model writes into a piece by itself: every AI note was accepted by a signed-in member, whose name the server recorded.",
  "Lyrics are not applicable: Tandem pieces hold notes only. Sound recording, mixing and mastering are outside Tandem and not covered.",
];

function areaOf(roles: readonly TrackRole[], byRole: Map<TrackRole, RoleFigure>) {
  const figs = roles.map((r) => byRole.get(r)!);
  const sum = (k: keyof Omit<RoleFigure, "role">) => figs.reduce((s, f) => s + f[k], 0);
  const [notes, aiNotes, dur, aiDur, edited] = [sum("notes"), sum("aiNotes"), sum("durationTicks"), sum("aiDurationTicks"), sum("aiHumanEditedNotes")];
  return {
    notes,
    aiNotes,
    aiShareByNotes: notes === 0 ? 0 : aiNotes / notes,
    aiShareByDuration: dur === 0 ? 0 : aiDur / dur,
    aiNotesEditedByPeople: edited,
    aiInvolved: aiNotes > 0,
    involvement: aiNotes === 0 ? ("None" as const) : edited > 0 ? ("AIGeneratedHumanEdited" as const) : ("AIGeneratedHumanSelected" as const),
  };
}

export function buildDisclosure(x: PieceExport, f: Figures): Disclosure {
  const byRole = new Map(f.roles.map((r) => [r.role, r]));
  const aiNotes = f.models.reduce((s, m) => s + m.notes, 0);
  const aiDuration = f.models.reduce((s, m) => s + m.durationTicks, 0);
  const overall = {
    notes: f.totalNotes,
    aiShareByNotes: f.totalNotes === 0 ? 0 : aiNotes / f.totalNotes,
    aiShareByDuration: f.totalDurationTicks === 0 ? 0 : aiDuration / f.totalDurationTicks,
  };
  const areas = [
    ...AREAS.map((a) => ({ area: a.area, aspect: a.aspect, trackRoles: [...a.roles], ...areaOf(a.roles, byRole) })),
    {
      area: "Lyrics",
      aspect: "Text",
      trackRoles: [],
      aiInvolved: false,
      involvement: "NotApplicable" as const,
      notes: 0,
      aiNotes: 0,
      aiShareByNotes: 0,
      aiShareByDuration: 0,
      aiNotesEditedByPeople: 0,
      note: "Tandem pieces have no lyrics.",
    },
  ];
  const involved = areas.filter((a) => a.aiInvolved).map((a) => a.aspect.toLowerCase());
  const everyAccepted = [...f.credits.values()].every((c) => c.origin?.kind !== "model" || c.origin.acceptedBy !== null);
  const pct = (s: number) => `${Math.round(s * 1000) / 10}%`;
  const summary =
    aiNotes === 0
      ? "No AI-generated notes are in this piece; it was written by people."
      : `AI-generated notes make up ${pct(overall.aiShareByNotes)} of the notes (${pct(overall.aiShareByDuration)} of their duration), in ${involved.length > 1 ? `${involved.slice(0, -1).join(", ")} and ${involved.at(-1)}` : involved[0]}; ${everyAccepted ? "every AI note was accepted by a person" : "some AI notes have no recorded accepting person"}.`;
  const accepters = new Map<string, number>();
  for (const c of f.credits.values()) {
    const by = c.origin?.kind === "model" ? c.origin.acceptedBy : null;
    if (by) accepters.set(by.name, (accepters.get(by.name) ?? 0) + 1);
  }
  const editors = new Map<string, Set<string>>();
  for (const c of f.credits.values()) {
    if (c.origin?.kind !== "model") continue;
    for (const e of c.edits) editors.set(e.name, (editors.get(e.name) ?? new Set()).add(c.noteId));
  }
  return {
    format: DISCLOSURE_FORMAT,
    shapedAfter: "DDEX-style AI disclosure: for each contribution area, whether AI was involved, how much, with which models, and under what human oversight",
    work: { title: x.piece.title, pieceId: x.piece.id },
    generatedAt: x.exportedAt.toISOString(),
    aiInvolved: aiNotes > 0,
    summary,
    overall,
    contributionAreas: areas,
    models: f.models.map((m) => ({
      name: m.model,
      versions: m.versions,
      notesInPiece: m.notes,
      shareByNotes: m.noteShare,
      shareByDuration: m.durationShare,
      requests: m.requests,
      candidatesGenerated: m.candidatesGenerated,
      candidatesAccepted: m.candidatesAccepted,
      acceptanceRate: m.acceptanceRate,
    })),
    humanOversight: {
      everyAiNoteAcceptedByAPerson: everyAccepted,
      acceptedBy: [...accepters].map(([name, n]) => ({ name, aiNotes: n })),
      editedBy: [...editors].map(([name, ids]) => ({ name, notesEdited: ids.size })),
    },
    humanContributors: f.people
      .filter((p) => p.notes > 0 || p.editedNotes > 0)
      .map((p) => ({ name: p.name, notes: p.notes, shareByNotes: p.noteShare, shareByDuration: p.durationShare })),
    adaptedContributions: adaptedContributions(x.generations, f.credits),
    method: [...DISCLOSURE_METHOD, ...f.method],
  };
}
