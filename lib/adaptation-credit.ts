/**
 * How a generation made with an adaptation ("our style") credits it: recorded in the generation's settings
 * (`adaptation`), read back by the note history and the AI-disclosure export, which name whose music shaped it.
 */
import { z } from "zod";
import { countOf } from "./plural";

const person = z.object({ id: z.string(), name: z.string() });

export const adaptationCreditSchema = z.object({
  id: z.string(),
  name: z.string(),
  version: z.number().int(),
  method: z.string(),
  fingerprint: z.string(),
  /** Each source piece with its title and the people who wrote notes in it, as they were when the generation ran. */
  sources: z.array(z.object({ pieceId: z.string(), title: z.string(), people: z.array(person) })),
});
export type AdaptationCredit = z.infer<typeof adaptationCreditSchema>;

/** The credit a generation's recorded settings hold, if it was made with an adaptation. */
export function adaptationOf(settings: unknown): AdaptationCredit | null {
  if (!settings || typeof settings !== "object" || !("adaptation" in settings)) return null;
  const parsed = adaptationCreditSchema.safeParse((settings as { adaptation: unknown }).adaptation);
  return parsed.success ? parsed.data : null;
}

/** Everyone whose music an adaptation learned from, each once, in the order of its sources. */
export function adaptationPeople(c: AdaptationCredit): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const s of c.sources) for (const p of s.people) if (!seen.has(p.id)) seen.set(p.id, p.name);
  return [...seen].map(([id, name]) => ({ id, name }));
}

const listWords = (names: string[]): string =>
  names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;

/** "in our style: Band v2, learned from 3 pieces by Ada and Bo". */
export function adaptationWords(c: AdaptationCredit): string {
  const people = adaptationPeople(c).map((p) => p.name);
  const by = people.length > 0 ? ` by ${listWords(people)}` : "";
  return `in our style: ${c.name} v${c.version}, learned from ${countOf(c.sources.length, "piece")}${by}`;
}

/** "Ada and Bo (Blues in F, Night Train)": whose music shaped a contribution, for the AI-disclosure export. */
export function adaptationSourcesWords(c: AdaptationCredit): string {
  const people = adaptationPeople(c).map((p) => p.name);
  const titles = c.sources.map((s) => s.title).join(", ");
  return `${listWords(people) || "nobody named"} (${titles})`;
}
