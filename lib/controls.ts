/**
 * What a person can ask of the model beyond the region: per region track, note density, polyphony, energy
 * (velocity), register and rhythmic activity as buckets; for the region, a style tag and a key. Each is optional:
 * left out, it is "auto" (the model follows the context). The tokenizer (models/tokenizer/controls.ts) writes these
 * as control tokens; the AI panel, the CLI and the generation router share this one vocabulary.
 */
import { z } from "zod";
import { isDrumTrack, type Note, type Track } from "./doc-schema";
import { estimateKey } from "./key";

/** Upper bounds (exclusive) of each bucket but the last; bucket i holds values in [edges[i-1], edges[i]). */
export const CONTROL_EDGES = {
  density: [0.5, 1.5, 2.5, 4.5, 7.5, 11.5, 17.5], // notes a bar: 0, 1, 2, 3-4, 5-7, 8-11, 12-17, 18+
  polyphony: [1.25, 2, 3], // notes per onset: single line, some doubles, dyads and triads, full chords
  energy: [55, 70, 85], // mean MIDI velocity: soft, medium, strong, loud
  register: [48, 55, 62, 69, 76], // mean pitch: below C3, C3-G3, G3-D4, D4-A4, A4-E5, above
  activity: [0.125, 0.25, 0.5], // share of the sixteenths of a bar that start a note
} as const;

export type TrackControlName = keyof typeof CONTROL_EDGES;
export const TRACK_CONTROLS = Object.keys(CONTROL_EDGES) as TrackControlName[];
export const controlBuckets = (name: TrackControlName): number => CONTROL_EDGES[name].length + 1;

/** What each bucket means, for the AI panel and the CLI's help. */
export const CONTROL_LABELS: Record<TrackControlName, readonly string[]> = {
  density: ["silent", "1 a bar", "2 a bar", "3-4 a bar", "5-7 a bar", "8-11 a bar", "12-17 a bar", "18+ a bar"],
  polyphony: ["single line", "some doubles", "dyads and triads", "full chords"],
  energy: ["soft", "medium", "strong", "loud"],
  register: ["very low", "low", "lower middle", "upper middle", "high", "very high"],
  activity: ["sparse", "relaxed", "busy", "very busy"],
};

/** Style tags, from the data's own labels: pop909 is "pop", groove-midi's take styles by their first word. */
export const STYLES = [
  "pop", "rock", "funk", "jazz", "latin", "hiphop", "soul", "punk",
  "country", "reggae", "gospel", "afrocuban", "neworleans", "afrobeat", "blues", "chorale",
] as const;
export type Style = (typeof STYLES)[number];

/** Pitch-class names as keys are written (sharps for F# and C#, flats for Eb, Ab and Bb). */
export const PITCH_NAMES = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"] as const;

export const keySchema = z.object({ tonic: z.number().int().min(0).max(11), mode: z.enum(["major", "minor"]) });
export type ControlKey = z.infer<typeof keySchema>;

const bucket = (name: TrackControlName) => z.number().int().min(0).max(controlBuckets(name) - 1).optional();

/** What a request asks for; the track controls apply to every track of the region. */
export const generationControlsSchema = z.object({
  density: bucket("density"),
  polyphony: bucket("polyphony"),
  energy: bucket("energy"),
  register: bucket("register"),
  activity: bucket("activity"),
  style: z.enum(STYLES).optional(),
  key: keySchema.optional(),
});
export type GenerationControls = z.infer<typeof generationControlsSchema>;

/**
 * Moods set several controls at once (the README lists them); a control the person sets by hand wins over the mood.
 * Key modes only: the tonic stays the piece's own unless a key is chosen.
 */
export const MOODS = {
  calm: { density: 2, energy: 0, activity: 0, polyphony: 1 },
  bright: { register: 4, energy: 2, activity: 2, mode: "major" },
  dark: { register: 1, energy: 1, density: 2, mode: "minor" },
  driving: { density: 5, energy: 3, activity: 3 },
  tense: { activity: 2, energy: 2, polyphony: 2, mode: "minor" },
  sparse: { density: 1, activity: 0 },
  lush: { polyphony: 3, density: 4, energy: 1 },
} as const satisfies Record<string, Partial<Record<TrackControlName, number>> & { mode?: "major" | "minor" }>;
export type Mood = keyof typeof MOODS;
export const MOOD_NAMES = Object.keys(MOODS) as Mood[];

/**
 * The controls a request sends: a mood's settings under the ones chosen by hand. A mood's mode becomes a key on
 * `tonic` (the piece's own, estimated from its notes) unless a key was chosen.
 */
export function withMood(mood: Mood | undefined, chosen: GenerationControls, tonic: number): GenerationControls {
  if (mood === undefined) return chosen;
  const { mode, ...track } = MOODS[mood] as Partial<Record<TrackControlName, number>> & { mode?: "major" | "minor" };
  const key = chosen.key ?? (mode === undefined ? undefined : { tonic, mode });
  const out: GenerationControls = { ...track, ...stripUndefined(chosen) };
  return key === undefined ? out : { ...out, key };
}

const stripUndefined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** A control's bucket from its label ("busy") or its number ("2"); undefined when it is neither. */
export function parseBucket(name: TrackControlName, text: string): number | undefined {
  const t = text.trim().toLowerCase();
  const byLabel = CONTROL_LABELS[name].findIndex((l) => l === t);
  if (byLabel >= 0) return byLabel;
  const n = Number(t);
  return t !== "" && Number.isInteger(n) && n >= 0 && n < controlBuckets(name) ? n : undefined;
}

/** The tonic a mood's mode lands on: the key estimated from the piece's pitched notes (C for an empty piece). */
export function pieceTonic(notes: readonly Note[], tracks: readonly (Track & { id: string })[]): number {
  const drums = new Set(tracks.filter((t) => isDrumTrack(t)).map((t) => t.id));
  return estimateKey(notes.filter((n) => !drums.has(n.track))).tonic;
}
