/**
 * What a person may ask of the model, with its limits and defaults: one home for them. The generation router's
 * input extends `generationSettingsSchema`, the inference request refines `runSettingsSchema`, and the CLI and the
 * AI panel read their ranges and defaults from GENERATION_LIMITS.
 */
import { z } from "zod";
import { generationControlsSchema, keySchema } from "./controls";

export interface Limit {
  min: number;
  max: number;
  /** Whole numbers only. */
  whole?: boolean;
  /** The AI panel's step, where it has an input for the setting. */
  step?: number;
  default?: number;
}

export const GENERATION_LIMITS = {
  candidates: { min: 1, max: 8, whole: true, default: 3 }, // the editor offers three to choose from
  // 0.1 and up: what the editor always allowed; the model card's figures are at 1, the editor's default.
  temperature: { min: 0.1, max: 2, step: 0.1, default: 1 },
  topP: { min: 0.1, max: 1, step: 0.05, default: 0.95 },
  /**
   * Multiplies the repetition expert's fitted weights (models/tokenizer/repetition.ts). The weights that maximise
   * likelihood (1) copy too little when sampling: 3 is the default, measured on the valid split (model card).
   */
  repetition: { min: 0, max: 4, step: 0.5, default: 3 },
  /**
   * Classifier-free guidance (server/inference/decode.ts): how strongly the model follows the controls asked, beyond
   * what it learned from them (1: as learned, the default). Above 1, a request that asks controls takes about twice
   * the time: its window is decoded a second time without them. The decoder holds every control it can measure, so
   * the default leaves it off; it is for the tokens the decoder cannot hold (key, a style on pitched tracks), and for
   * measuring what a model learned (server/inference/README.md, "Guidance").
   */
  guidance: { min: 1, max: 8, step: 0.5, default: 1 },
  seed: { min: 0, max: 0xffffffff, whole: true },
  // What the editor's API always allowed; the inference service took up to 32 and 96, which no client sent.
  maxPolyphony: { min: 1, max: 16, whole: true },
  maxNotesPerBar: { min: 1, max: 64, whole: true },
  /** The bars one request writes: an infill's region, or a continuation's new bars. */
  regionBars: { min: 1, max: 16, whole: true },
  continueBars: { min: 1, max: 16, whole: true, default: 4 },
  // 30 s is what the editor's generations always had (the router passed it to the model); the model's own 10 s
  // default only applied to callers that named none, and cut a busy host's 8-candidate request short.
  timeoutMs: { min: 1, max: 600_000, default: 30_000 },
} as const satisfies Record<string, Limit>;

export type LimitName = keyof typeof GENERATION_LIMITS;

export const MAX_REGION_BARS = GENERATION_LIMITS.regionBars.max;

/** `name must be min..max`: the one message for a setting out of its range, wherever it is refused. */
export const rangeMessage = (name: string, l: Limit): string => `${name} must be ${l.min}..${l.max}${l.whole ? ", a whole number" : ""}`;

/** Whether `value` is within `l`: the check the schemas below make, for a client that parses its own text. */
export const withinLimit = (value: number, l: Limit): boolean =>
  Number.isFinite(value) && (!l.whole || Number.isInteger(value)) && value >= l.min && value <= l.max;

/** A number within `l`, refused with rangeMessage. */
export function limited(name: string, l: Limit) {
  const message = rangeMessage(name, l);
  const n = z.number({ error: message }).min(l.min, message).max(l.max, message);
  return l.whole ? n.int(message) : n;
}

const L = GENERATION_LIMITS;

/** What a request asks for; top-p, seed and repetition may be left to their defaults (a random seed). */
export const generationSettingsSchema = z.object({
  candidates: limited("candidates", L.candidates),
  temperature: limited("temperature", L.temperature),
  topP: limited("topP", L.topP).optional(),
  seed: limited("seed", L.seed).optional(),
  maxPolyphony: limited("maxPolyphony", L.maxPolyphony).optional(),
  maxNotesPerBar: limited("maxNotesPerBar", L.maxNotesPerBar).optional(),
  scale: keySchema.nullable().optional(),
  repetition: limited("repetition", L.repetition).optional(),
  guidance: limited("guidance", L.guidance).optional(),
  /** Steering (lib/controls.ts): what a tandem-fim-2 model is asked to write; energy sets the velocity on any model. */
  controls: generationControlsSchema.optional(),
});
export type GenerationAsk = z.infer<typeof generationSettingsSchema>;

/** The settings a generation runs with and records: top-p and seed chosen. */
export const runSettingsSchema = generationSettingsSchema.required({ topP: true, seed: true });
export type GenerationSettings = z.infer<typeof runSettingsSchema>;

/** The defaults of the settings that have one, as a request that leaves the rest out. */
export const GENERATION_DEFAULTS = {
  candidates: L.candidates.default,
  temperature: L.temperature.default,
  topP: L.topP.default,
  repetition: L.repetition.default,
} as const satisfies GenerationAsk;

/**
 * The settings to run, taken from a request that may hold more (the router's input): the ones asked for, with top-p
 * and repetition at their defaults, guidance at its default where controls are asked (it does nothing without them),
 * and `seed` where none was given.
 */
export function settingsToRun(asked: GenerationAsk, seed: number): GenerationSettings {
  const { candidates, temperature, maxPolyphony, maxNotesPerBar, scale, controls } = asked;
  const topP = asked.topP ?? L.topP.default;
  const repetition = asked.repetition ?? L.repetition.default;
  const guidance = controls && Object.keys(controls).length > 0 ? (asked.guidance ?? L.guidance.default) : undefined;
  return { candidates, temperature, topP, seed: asked.seed ?? seed, maxPolyphony, maxNotesPerBar, scale, repetition, guidance, controls };
}
