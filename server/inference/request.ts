/** Validation of an InferenceRequest at the service boundary (zod), with messages a user can act on. */
import { z } from "zod";
import { generationControlsSchema } from "../../lib/controls";
import { metaSchema, noteSchema, trackSchema } from "../../lib/doc-schema";
import { ticksPerBar } from "../../lib/time";
import type { InferenceRequest } from "../services";
import { InferenceInputError } from "./errors";

export const MAX_REGION_BARS = 16;
export const MAX_NOTES = 20_000;
export const MAX_CANDIDATES = 8;
export const DEFAULT_TIMEOUT_MS = 10_000;
export const MAX_TEMPERATURE = 2;
/**
 * `repetition` multiplies the repetition expert's fitted weights (models/tokenizer/repetition.ts). The weights that
 * maximise likelihood (1) copy too little when sampling: 3 is the default, measured on the valid split (model card).
 */
export const DEFAULT_REPETITION = 3;
export const MAX_REPETITION = 4;

const int = () => z.number().int();

const requestSchema = z
  .object({
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
    candidates: int().min(1, "candidates must be 1..8").max(MAX_CANDIDATES, "candidates must be 1..8"),
    temperature: z.number().min(0.05, "temperature must be 0.05..2").max(MAX_TEMPERATURE, "temperature must be 0.05..2"),
    topP: z.number().min(0.05, "topP must be 0.05..1").max(1, "topP must be 0.05..1"),
    seed: int().min(0).max(0xffffffff, "seed must be a uint32"),
    maxPolyphony: int().min(1).max(32).optional(),
    maxNotesPerBar: int().min(1).max(96).optional(),
    scale: z.object({ tonic: int().min(0).max(11), mode: z.enum(["major", "minor"]) }).nullable().optional(),
    controls: generationControlsSchema.optional(),
    repetition: z.number().min(0, `repetition must be 0..${MAX_REPETITION}`).max(MAX_REPETITION, `repetition must be 0..${MAX_REPETITION}`).optional(),
    timeoutMs: z.number().positive().max(600_000).optional(),
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
