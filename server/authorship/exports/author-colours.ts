/**
 * One colour per author for the score and the credits sheet: a person keeps the colour the editor's
 * colour-by-author view gives them unless an earlier person already has it; models use the editor's amber first.
 */
import { colourForId, MODEL_COLOUR, PEOPLE_PALETTE, UNKNOWN_COLOUR } from "../../../lib/authorship/author-colours";
import { humanKey, modelKey, UNATTRIBUTED } from "../../../lib/authorship/author-key";
import type { Figures } from "./figures";

const MORE_MODEL_COLOURS = ["#e07a1f", "#c1121f", "#9d4edd"];

export interface AuthorColour {
  key: string;
  label: string;
  colour: string;
}

export function authorColours(f: Figures): AuthorColour[] {
  const used = new Set<string>();
  const pick = (preferred: string, palette: readonly string[]) => {
    const colour = used.has(preferred) ? (palette.find((c) => !used.has(c)) ?? preferred) : preferred;
    used.add(colour);
    return colour;
  };
  const out: AuthorColour[] = f.people
    .filter((p) => p.notes > 0)
    .map((p) => ({ key: humanKey(p.userId), label: p.name, colour: pick(colourForId(p.userId), PEOPLE_PALETTE) }));
  f.models
    .filter((m) => m.notes > 0)
    .forEach((m) => out.push({ key: modelKey(m.model), label: `AI ${m.model}`, colour: pick(MODEL_COLOUR, MORE_MODEL_COLOURS) }));
  if (f.unattributedNotes > 0) out.push({ key: UNATTRIBUTED, label: "Unattributed", colour: UNKNOWN_COLOUR });
  return out;
}
