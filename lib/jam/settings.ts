/**
 * What a jam is set up with (issue 16): a loop of the piece's bars, a tempo, the track the leader plays and the
 * tracks the model plays, and how the model takes part: call and response (the leader plays N bars, the model
 * answers the next N) or accompaniment (the model plays its tracks one bar ahead of the leader, bar after bar).
 * Steering is the generation controls, applied to the model's part. One zod schema for the editor and the server.
 */
import { z } from "zod";
import { generationControlsSchema } from "../controls";

export const JAM_MODES = ["call-and-response", "accompaniment"] as const;
export type JamMode = (typeof JAM_MODES)[number];

/** Recording grids in ticks (480 a beat): sixteenth, eighth, quarter; 0 records as played. */
export const JAM_GRIDS = [0, 120, 240, 480] as const;

export const JAM_LIMITS = {
  /** The timing target holds up to 140 bpm (a bar of 4/4 is 1.7 s there). */
  bpm: { min: 40, max: 140 },
  loopBars: { min: 1, max: 16 },
  callBars: { min: 1, max: 8 },
  modelTracks: { min: 1, max: 4 },
} as const;

export const jamSettingsSchema = z
  .object({
    mode: z.enum(JAM_MODES),
    /** The loop: the piece's bars startBar (from 0) to startBar + bars. */
    startBar: z.number().int().min(0),
    bars: z.number().int().min(JAM_LIMITS.loopBars.min).max(JAM_LIMITS.loopBars.max),
    bpm: z.number().int().min(JAM_LIMITS.bpm.min).max(JAM_LIMITS.bpm.max),
    playerTrack: z.string().min(1),
    modelTracks: z.array(z.string().min(1)).min(JAM_LIMITS.modelTracks.min).max(JAM_LIMITS.modelTracks.max),
    /** Call and response: the bars of each call, and of each answer. */
    callBars: z.number().int().min(JAM_LIMITS.callBars.min).max(JAM_LIMITS.callBars.max).default(2),
    grid: z.union(JAM_GRIDS.map((g) => z.literal(g)) as [z.ZodLiteral<0>, z.ZodLiteral<120>, z.ZodLiteral<240>, z.ZodLiteral<480>]).default(120),
    controls: generationControlsSchema.default({}),
  })
  .superRefine((s, ctx) => {
    if (s.modelTracks.includes(s.playerTrack)) {
      ctx.addIssue({ code: "custom", path: ["modelTracks"], message: "The model cannot play the track you play; pick other tracks for it" });
    }
    if (new Set(s.modelTracks).size !== s.modelTracks.length) {
      ctx.addIssue({ code: "custom", path: ["modelTracks"], message: "A track is named twice" });
    }
    if (s.mode === "call-and-response" && s.bars % (2 * s.callBars) !== 0) {
      ctx.addIssue({
        code: "custom",
        path: ["bars"],
        message: `A loop of ${s.bars} bars does not hold whole calls and answers of ${s.callBars} bars each; make it a multiple of ${2 * s.callBars}`,
      });
    }
  });
export type JamSettings = z.infer<typeof jamSettingsSchema>;
