/** Validation of an InferenceRequest at the service boundary (zod), with messages a user can act on. */
import { z } from "zod";
import { metaSchema, noteSchema, trackSchema } from "../../lib/doc-schema";
import { GENERATION_LIMITS, limited, MAX_REGION_BARS, runSettingsSchema } from "../../lib/generation";
import { ticksPerBar } from "../../lib/time";
import type { InferenceRequest } from "./types";
import { InferenceInputError } from "./errors";

export const MAX_NOTES = 20_000;

const int = () => z.number().int();

/** The settings (lib/generation.ts), on a piece the request carries whole, with a region that must fit it. */
const requestSchema = runSettingsSchema
  .extend({
    mode: z.enum(["infill", "continue"]),
    notes: z.array(noteSchema.extend({ id: z.string() })).max(MAX_NOTES, `a piece may have at most ${MAX_NOTES} notes`),
    tracks: z.array(trackSchema.extend({ id: z.string().min(1) })).min(1, "the piece has no tracks"),
    meta: metaSchema,
    region: z.object({
      startBar: int().min(0, "region.startBar must be 0 or more"),
      endBar: int(),
      pitchLo: int().min(0).max(127),
      pitchHi: int().min(0).max(127),
      trackIds: z.array(z.string()).min(1, "the region has no tracks"),
    }),
    timeoutMs: limited("timeoutMs", GENERATION_LIMITS.timeoutMs).optional(),
  })
  .superRefine((r, ctx) => {
    const { startBar, endBar, pitchLo, pitchHi, trackIds } = r.region;
    const issue = (path: string[], message: string) => ctx.addIssue({ code: "custom", path: ["region", ...path], message });
    if (endBar <= startBar) issue(["endBar"], `region bars [${startBar}, ${endBar}) are empty`);
    else if (endBar - startBar > MAX_REGION_BARS) issue(["endBar"], `region has ${endBar - startBar} bars, at most ${MAX_REGION_BARS}`);
    if (pitchLo > pitchHi) issue(["pitchLo"], `pitchLo ${pitchLo} is above pitchHi ${pitchHi}`);
    const known = new Set(r.tracks.map((t) => t.id));
    for (const id of trackIds) if (!known.has(id)) issue(["trackIds"], `unknown track "${id}"`);
    if (new Set(trackIds).size !== trackIds.length) issue(["trackIds"], "a track is listed twice");

    const barTicks = ticksPerBar(r.meta);
    const lastStart = r.notes.reduce((m, n) => Math.max(m, n.start), -1);
    const lastEnd = r.notes.reduce((m, n) => Math.max(m, n.start + n.duration), 0);
    if (r.mode === "infill") {
      const pieceBars = Math.max(1, Math.ceil(lastEnd / barTicks));
      if (endBar > pieceBars)
        issue(["endBar"], `infill region [${startBar}, ${endBar}) must lie inside the piece (bars 0..${pieceBars}); use "continue" after its end`);
    } else if (lastStart >= 0 && startBar * barTicks <= lastStart) {
      issue(["startBar"], `a continuation must start after the last note (bar ${Math.floor(lastStart / barTicks)}), not at bar ${startBar}`);
    }
  });

export type ValidRequest = z.infer<typeof requestSchema>;

/** Parses the data part of a request; throws InferenceInputError listing every problem. */
export function validateRequest(req: InferenceRequest): ValidRequest {
  const { signal: _signal, onNote: _onNote, ...data } = req;
  const parsed = requestSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const msg = parsed.error.issues.map((i) => `${i.path.join(".") || "request"}: ${i.message}`).join("; ");
  throw new InferenceInputError(`invalid generation request: ${msg}`);
}
