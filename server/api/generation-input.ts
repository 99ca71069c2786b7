/** What `generation.request` takes: the settings (lib/generation.ts, their limits and messages) for a region of a piece. */
import { z } from "zod";
import { MOOD_NAMES, type Mood } from "../../lib/controls";
import { GENERATION_LIMITS, generationSettingsSchema, limited } from "../../lib/generation";

export const pieceIdInput = z.string().min(1).max(64);
const bar = z.number().int().min(0).max(100_000);
const pitch = z.number().int().min(0).max(127);

export const generationRequestInput = generationSettingsSchema.extend({
  pieceId: pieceIdInput,
  mode: z.enum(["infill", "continue"]),
  // The region's length and place in the piece are checked against the piece (generation-region.ts).
  region: z.object({ startBar: bar, endBar: bar, pitchLo: pitch, pitchHi: pitch, trackIds: z.array(z.string().max(64)).max(16) }),
  bars: limited("bars", GENERATION_LIMITS.continueBars).optional(),
  mood: z.enum(MOOD_NAMES as [Mood, ...Mood[]]).optional(),
  /** An adaptation ("our style", server/adaptation/) to mix in; the requester must be able to read all its sources. */
  adaptationId: z.string().min(1).max(64).optional(),
});
export type GenerationRequestInput = z.infer<typeof generationRequestInput>;
