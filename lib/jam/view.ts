/**
 * A live jam as everyone in the piece sees it (issue 16, "Shared"): the server writes one JamView per jam into the
 * piece's `jams` map (server-only, like `generations`), and every editor, reviewer and viewer follows it there: the
 * settings, the clock, what the leader has played and each model bar as soon as it is ready. Times are on the
 * server's clock (ms); a player maps them to its own with the offset it estimates from `jam.time`.
 */
import { z } from "zod";
import { noteSchema } from "../doc-schema";
import { jamSettingsSchema } from "./settings";

/** Bars of count-in before take bar 0: the metronome alone. */
export const COUNT_IN_BARS = 1;

export const JAM_STATUSES = ["playing", "stopped"] as const;

export const playedNoteSchema = z.object({
  pitch: z.number().int().min(0).max(127),
  velocity: z.number().int().min(1).max(127),
  at: z.number(),
  ms: z.number().min(0).max(60_000),
  held: z.literal(true).optional(),
});

/** Someone playing along on a track of their own (lib/jam/take.ts Along); the server keeps the last two passes here too. */
export const alongSchema = z.object({ userId: z.string(), name: z.string(), track: z.string(), played: z.array(playedNoteSchema) });

export const jamClockSchema = z.object({ startAt: z.number(), barMs: z.number().positive(), beatMs: z.number().positive() });

export const jamViewSchema = z.object({
  id: z.string(),
  leaderId: z.string(),
  leaderName: z.string(),
  settings: jamSettingsSchema,
  clock: jamClockSchema,
  /** "playing" from the count-in on; "stopped" once the leader stops, until Keep or Discard removes the view. */
  status: z.enum(JAM_STATUSES),
  /** The leader's notes of the take so far (the server keeps the last two passes here; Keep uses the whole take). */
  played: z.array(playedNoteSchema),
  /** Those who joined to play along, each on a track of their own (none: absent). */
  alongs: z.array(alongSchema).optional(),
  /** The model's bars as they became ready: notes in ticks from the bar's downbeat, on the model's tracks. */
  bars: z.array(z.object({ takeBar: z.number().int().min(0), pieceBar: z.number().int().min(0), due: z.number(), readyAt: z.number(), notes: z.array(noteSchema) })),
  /** Model bars left silent: not ready in time ("late") or the model failed ("failed"). */
  missed: z.array(z.object({ takeBar: z.number().int().min(0), why: z.enum(["late", "failed"]) })),
  createdAt: z.number(),
  endedAt: z.number().optional(),
  /** The model the jam asks, as a kept take records it. */
  model: z.object({ name: z.string(), version: z.string() }).optional(),
  /**
   * When its process last wrote the view: it holds the jam up to then. A jam whose process died ends there, for the
   * process that takes its take over (server/jam/adopt.ts).
   */
  writtenAt: z.number().optional(),
});
export type JamView = z.infer<typeof jamViewSchema>;

export type JamViewBar = JamView["bars"][number];

/** The view with a model bar that is ready: one asked again with more of the call takes its first answer's place (and any miss). */
export function withBar(view: JamView, bar: JamViewBar): JamView {
  const bars = view.bars.filter((b) => b.takeBar !== bar.takeBar);
  const missed = view.missed.filter((m) => m.takeBar !== bar.takeBar);
  return { ...view, missed, bars: [...bars, bar] };
}
