/**
 * Steering at decode time: what a request asks of density, rhythmic activity, register and polyphony, held while the
 * model writes, on top of the control tokens (which a model may not have learned yet, and which 1.3.0 doesn't read at
 * all). Density is a range of notes a bar per region track: the ceiling is a constraint like maxNotesPerBar, and the
 * floor keeps a track's bar open (no later track, no BAR) while it has fewer notes than asked and a note can still
 * start. Activity is held the same way on the sixteenths that start a note, over the region, each bar taking its
 * share as it comes. Register is a soft pull of pitches
 * towards the asked range, growing with the distance outside it.
 */
import { CONTROL_EDGES, type GenerationControls } from "../../lib/controls";
import { BAR, EOS, GRID_PER_BEAT, describe, type GrammarState } from "../../models/tokenizer";
import { styleBias, type StyleBias, type StyleProfiles } from "./style-expert";

export interface Range {
  lo: number;
  hi: number; // inclusive; Infinity for the open top bucket
}

/** The whole counts that bucket `b` of `edges` holds, the edges scaled by `scale`; `top` caps the last bucket. */
function bucketRange(edges: readonly number[], b: number, scale: number, top: number): Range {
  return { lo: b === 0 ? 0 : Math.ceil(edges[b - 1] * scale), hi: b >= edges.length ? top : Math.ceil(edges[b] * scale) - 1 };
}

/** The notes a bar that density bucket `b` stands for (measured as the region's mean, so every bar in it lands there). */
export function densityRange(b: number): Range {
  return bucketRange(CONTROL_EDGES.density, b, 1, Infinity);
}

/** Grid ticks of a sixteenth: rhythmic activity counts the sixteenths of a bar that start a note. */
export const SIXTEENTH = GRID_PER_BEAT / 4;

/**
 * The sixteenths starting a note, of a region's `sixteenths`, that activity bucket `b` stands for. Activity is measured
 * over the whole region, so it is held over the whole region: a bar of 2/4 has 8 sixteenths, and "sparse" (under an
 * eighth of them) allows no onset in any one bar, but one in two bars.
 */
export function activityRange(b: number, sixteenths: number): Range {
  return bucketRange(CONTROL_EDGES.activity, b, sixteenths, sixteenths);
}

/** The pitches whose mean lands in register bucket `b`. */
export function registerRange(b: number): Range {
  return bucketRange(CONTROL_EDGES.register, b, 1, 127);
}

export interface Steering {
  notesPerBar?: Range; // per region track (slot)
  onsets?: Range; // sixteenths that start a note, per region track (slot), in the whole region
  register?: Range; // pitched tracks only
  polyphony?: number; // the bucket asked: notes per onset (chordSize)
  style?: StyleBias; // the drum track only
}

/**
 * The density asked of tracks that are silent everywhere outside the region, when none is asked: drums for a song
 * that has none, a melody over an accompaniment. The model learned from songs whose drums and melody were there
 * all along, and writes nothing (1.3.0 wrote no drums in any of 8 pop909 valid songs); asked for a track, a person
 * wants notes on it. Drums 8-11 a bar, other tracks 3-4 (bucket indices of CONTROL_EDGES.density).
 */
export const SILENT_TRACK_DENSITY = { drums: 5, pitched: 3 } as const;

export function withSilenceFloor(controls: GenerationControls | undefined, silent: boolean, drumsOnly: boolean): GenerationControls | undefined {
  if (!silent || controls?.density !== undefined) return controls;
  return { ...controls, density: drumsOnly ? SILENT_TRACK_DENSITY.drums : SILENT_TRACK_DENSITY.pitched };
}

/**
 * A drum style asked with no density: the style's own notes a bar, as its profile counts them. Held to the silent
 * track's 8-11, every style wrote about 9 a bar, where groove-midi's valid funk takes play 22 and latin 25, and the
 * style classifier heard funk and latin as rock and jazz (style-probe: named as asked 0 and 0).
 */
export function withStyleDensity(controls: GenerationControls | undefined, drumsOnly: boolean, styles?: StyleProfiles): GenerationControls | undefined {
  const profile = controls?.style === undefined ? undefined : styles?.styles[controls.style];
  if (!drumsOnly || !profile || controls?.density !== undefined) return controls;
  const perBar = (2 * profile.parts.flat().reduce((a, b) => a + b, 0)) / profile.halfBars;
  return { ...controls, density: CONTROL_EDGES.density.filter((edge) => perBar > edge).length };
}

/**
 * What a request's controls hold the decoder to, in bars of `barLen` grid ticks, for a region of `bars` bars, with the
 * model's style profiles.
 */
export function steeringOf(controls: GenerationControls | undefined, barLen: number, styles?: StyleProfiles, bars = 1): Steering {
  return {
    notesPerBar: controls?.density === undefined ? undefined : densityRange(controls.density),
    onsets: controls?.activity === undefined ? undefined : activityRange(controls.activity, (bars * barLen) / SIXTEENTH),
    register: controls?.register === undefined ? undefined : registerRange(controls.register),
    polyphony: controls?.polyphony,
    style: styleBias(styles, controls?.style, barLen),
  };
}

/**
 * The most notes a track may sound at once when a polyphony bucket is asked (notes per onset: single line, some
 * doubles, dyads and triads, full chords): the onset's notes (chordSize, or one more) and a note still held from
 * before, in place of the context's own (constraints.ts contextPolyphony). Left to the context, a melody asked for
 * chords could never write one: its context plays one note at a time. `hold` false (the tokens alone) only lifts the
 * cap, so that what the model does with the token is what is measured.
 */
export function polyphonyCap(bucket: number | undefined, context: number | undefined, hold: boolean): number | undefined {
  if (bucket === undefined) return context;
  const asked = [1, 3, 4, Math.max(6, context ?? 0)][bucket]; // a chord's notes and one held from before
  return hold ? asked : Math.max(asked, context ?? 0);
}

/**
 * The notes the `index`th onset of a track needs for polyphony bucket `bucket` (notes per onset: under 1.25, 1.25-2,
 * 2-3, 3 and more): single line 1; some doubles 2 at every other onset (1.5 on average); dyads and triads 2; full
 * chords 3. The cap (polyphonyCap) lets the model add more where the bucket allows.
 */
export function chordSize(bucket: number, index: number): number {
  return [1, index % 2 === 0 ? 2 : 1, 2, 3][bucket] ?? 1;
}

/** The polyphony floor: after a note whose onset still owes notes, only another note at that onset (if one fits). */
export function holdChord(g: GrammarState, allowed: readonly number[], owed: number): readonly number[] {
  if (g.last !== "pitch" || owed <= 0) return allowed;
  const same = allowed.filter((id) => {
    const d = describe(id);
    return d.kind === "pos" && d.value === g.pos;
  });
  return same.length > 0 ? same : allowed;
}

/** Logit added per semitone a pitch lies outside the pitches that keep the register: a fifth away is e^-7 less likely. */
export const REGISTER_PULL = 1;

/** The pitches a track has written so far in the region: their sum and count. */
export interface PitchTally {
  sum: number;
  count: number;
}

/**
 * The register is the mean pitch of what a track writes (models/tokenizer/controls.ts), so the pull keeps the mean of
 * the notes so far and the next one in range, not every note: the first note lands in the register's 7 semitones, and
 * later ones may leave them as far as the notes before leave room. Holding every note in that band squeezed a melody
 * into it: asked for its own register, pop909 melody fills lost pitch-class overlap (0.669 -> 0.602) and chord tones
 * (0.59 -> 0.55).
 */
export function registerBias(pitch: number, r: Range, sofar: PitchTally = { sum: 0, count: 0 }): number {
  const n = sofar.count + 1;
  const lo = r.lo * n - sofar.sum; // the mean is lo or more
  const hi = (r.hi + 1) * n - sofar.sum - 1; // and below hi + 1 (a bucket's upper edge)
  return pitch < lo ? -REGISTER_PULL * (lo - pitch) : pitch > hi ? -REGISTER_PULL * (pitch - hi) : 0;
}

/** What the floor needs to know of the constraints: how many more notes a model track owes a bar. */
export type Owed = (track: number, bar: number) => number;

/**
 * The density floor on the ids the grammar and constraints allow. While the current track owes the bar notes and can
 * still place one, it may not hand over, and its next onset comes within an even share of what is left of the bar.
 * A note's length leaves room for the ones still owed and ends by the bar line (a note held over would block the next
 * bar of a single line). Otherwise the next track chosen may not skip one that owes notes. Without a floor (`owed`
 * undefined), or where nothing owed can be written, `allowed` is returned as it is.
 */
export function holdOpen(g: GrammarState, allowed: readonly number[], owed: Owed | undefined): readonly number[] {
  if (!owed) return allowed;
  const kinds = allowed.map((id) => ({ id, ...describe(id) }));
  const keep = (ok: (k: (typeof kinds)[number]) => boolean) => {
    const out = kinds.filter(ok).map((k) => k.id);
    return out.length > 0 ? out : allowed;
  };
  const due = g.last === "bar" ? 0 : owed(g.track, g.bar);
  if (g.last === "pos") return keep((k) => k.kind === "dur" && k.value <= Math.floor((g.barLen - g.pos) / Math.max(1, due)));
  if ((g.last === "track" || g.last === "pitch") && due > 0) {
    const from = g.last === "track" ? 0 : g.pos;
    const within = from + Math.max(1, Math.floor((g.barLen - from) / due));
    const held = keep((k) => k.kind === "pos" && k.value <= within);
    if (held !== allowed || g.last === "track") return held;
  }
  if (g.last !== "bar" && g.last !== "pitch") return allowed;
  const owing = kinds.find((k) => k.kind === "track" && owed(k.value, g.bar) > 0);
  return owing ? keep((k) => k.kind === "pos" || (k.kind === "track" && k.value <= owing.value)) : allowed;
}

export const isCloser = (id: number): boolean => id === BAR || id === EOS;
