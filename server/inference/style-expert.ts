/**
 * The drum style expert: how each style of the training data places its drum parts in a 4/4 groove, fitted by
 * `npm run model:fit-styles` into the manifest, and the pull it puts on the drum track's onsets and parts when a
 * request asks for a style. The style token says the same to a model that has learned it; this holds while it hasn't
 * (and on 1.3.0, which has no such token). Log-ratios against all styles pooled, so what every style does (a kick on
 * one) is left to the model and what sets this style apart (a swung ride, a backbeat, a clave) is pulled for.
 */
import { z } from "zod";
import { DRUM_CLASSES, drumClass } from "../../models/tokenizer/drum-classes";

export const STYLE_PHASES = 24; // grid positions in half a 4/4 bar (12 a beat)
export const STYLE_BAR_LEN = 48; // profiles are of 4/4 bars; other meters get no pull

const perPhase = <T extends z.ZodTypeAny>(t: T) => z.array(t).length(STYLE_PHASES);
export const styleProfileSchema = z.object({
  takes: z.number().int().nonnegative(),
  halfBars: z.number().int().positive(),
  onsets: perPhase(z.number().nonnegative()), // half-bars with an onset at the phase
  parts: perPhase(z.array(z.number().nonnegative()).length(DRUM_CLASSES.length)), // onsets of each part at the phase
});
export type StyleProfile = z.infer<typeof styleProfileSchema>;
export const styleProfilesSchema = z.object({ fittedOn: z.string(), styles: z.record(z.string(), styleProfileSchema) });
export type StyleProfiles = z.infer<typeof styleProfilesSchema>;

/** Logits added per unit of log-ratio; 0 leaves the model alone. */
export const STYLE_PULL = 12;

export interface StyleBias {
  pos(value: number): number; // an onset at this position of the bar
  part(pos: number, pitch: number): number; // this drum pitch at this position
}

function pooled(profiles: StyleProfiles): StyleProfile {
  const all = Object.values(profiles.styles);
  return {
    takes: all.reduce((a, p) => a + p.takes, 0),
    halfBars: all.reduce((a, p) => a + p.halfBars, 0),
    onsets: Array.from({ length: STYLE_PHASES }, (_, i) => all.reduce((a, p) => a + p.onsets[i], 0)),
    parts: Array.from({ length: STYLE_PHASES }, (_, i) => DRUM_CLASSES.map((_, c) => all.reduce((a, p) => a + p.parts[i][c], 0))),
  };
}

/** Pseudo-counts that shrink a style's rates towards the pooled ones: a phase it rarely plays says little. */
const PRIOR = 8;
const onsetRate = (p: StyleProfile, phase: number, prior: number) => (p.onsets[phase] + PRIOR * prior) / (p.halfBars + PRIOR);
const partRate = (p: StyleProfile, phase: number, c: number, prior: number) =>
  (p.parts[phase][c] + PRIOR * prior) / (p.parts[phase].reduce((a, b) => a + b, 0) + PRIOR);

/** The pull for `style` in bars of `barLen` grid ticks; undefined when the style has no profile or the meter isn't 4/4. */
export function styleBias(profiles: StyleProfiles | undefined, style: string | undefined, barLen: number, pull = STYLE_PULL): StyleBias | undefined {
  const mine = style === undefined ? undefined : profiles?.styles[style];
  if (!profiles || !mine || barLen !== STYLE_BAR_LEN || pull === 0) return undefined;
  const all = pooled(profiles);
  const uniform = 1 / DRUM_CLASSES.length;
  const pos = Array.from({ length: STYLE_PHASES }, (_, i) => {
    const base = onsetRate(all, i, 0.5);
    return pull * Math.log(onsetRate(mine, i, base) / base);
  });
  const part = Array.from({ length: STYLE_PHASES }, (_, i) =>
    DRUM_CLASSES.map((_, c) => {
      const base = partRate(all, i, c, uniform);
      return pull * Math.log(partRate(mine, i, c, base) / base);
    }),
  );
  return {
    pos: (value) => pos[value % STYLE_PHASES],
    part: (at, pitch) => part[at % STYLE_PHASES][drumClass(pitch)],
  };
}
