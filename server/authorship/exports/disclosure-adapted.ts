/** The AI-disclosure's adapted contributions: for each generation made "in our style", whose music shaped its notes. */
import { z } from "zod";
import { adaptationOf, adaptationPeople, adaptationSourcesWords } from "../../../lib/adaptation-credit";
import type { NoteCredit } from "./note-credits";
import type { GenerationRecord } from "./types";

export const adaptedContributionSchema = z.object({
  generationId: z.string(),
  model: z.string(),
  adaptation: z.object({ name: z.string(), version: z.number().int(), method: z.string(), fingerprint: z.string() }),
  aiNotesInPiece: z.number().int(),
  shapedBy: z.array(z.string()),
  sources: z.array(z.object({ title: z.string(), people: z.array(z.string()) })),
  statement: z.string(),
});
export type AdaptedContribution = z.infer<typeof adaptedContributionSchema>;

export function adaptedContributions(generations: readonly GenerationRecord[], credits: ReadonlyMap<string, NoteCredit>): AdaptedContribution[] {
  const notesOf = new Map<string, number>();
  for (const c of credits.values()) {
    const g = c.origin?.kind === "model" ? c.origin.generationId : null;
    if (g) notesOf.set(g, (notesOf.get(g) ?? 0) + 1);
  }
  return generations.flatMap((g) => {
    const a = adaptationOf(g.settings);
    const notes = notesOf.get(g.id) ?? 0;
    if (!a || notes === 0) return [];
    return [
      {
        generationId: g.id,
        model: `${g.model} ${g.modelVersion}`,
        adaptation: { name: a.name, version: a.version, method: a.method, fingerprint: a.fingerprint },
        aiNotesInPiece: notes,
        shapedBy: adaptationPeople(a).map((p) => p.name),
        sources: a.sources.map((s) => ({ title: s.title, people: s.people.map((p) => p.name) })),
        statement: `${notes} AI notes generated in the style "${a.name}" v${a.version}, learned from the music of ${adaptationSourcesWords(a)}.`,
      },
    ];
  });
}
