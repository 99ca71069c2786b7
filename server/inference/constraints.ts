/**
 * Musical logit masks on top of the grammar's allowed set (pure). Notes live on the grid of the window
 * (12 ticks a beat, tick 0 = the window's first bar). A region track is a "slot": the model decodes
 * model tracks, and `assign[modelTrack][pitch]` says which slot a note of that pitch lands on (-1: not
 * allowed, which encodes the pitch range and the drum pitches).
 */
import { SCALE_STEPS } from "../../lib/key";
import { describe, type GrammarState, type DecodedNote } from "../../models/tokenizer";
import { harmonyBias, type HarmonyMask } from "./harmony-bias";
import { chordSize, registerBias, SIXTEENTH, type Owed, type PitchTally, type Steering } from "./steer";

export const DRUM_TRACK = 3;
export const DRUM_PITCH_LO = 35; // GM percussion: Acoustic Bass Drum
export const DRUM_PITCH_HI = 81; // GM percussion: Open Triangle

export const inScale = (pitch: number, scale: { tonic: number; mode: "major" | "minor" }): boolean =>
  SCALE_STEPS[scale.mode].includes((((pitch - scale.tonic) % 12) + 12) % 12);

export interface Span {
  start: number;
  end: number; // exclusive
  pitch: number;
}

export interface ConstraintSpec {
  barLen: number;
  startTick?: number; // the region's start on the window grid (0: the window's start)
  endTick: number; // the region's end on the window grid; no note may sound past it
  assign: ReadonlyMap<number, Int16Array>; // model track -> slot per pitch (128), -1 when not allowed
  slots: number;
  staying: readonly (Span & { slot: number })[]; // notes of region tracks that stay (outside the pitch range, or started before)
  maxPolyphony?: number;
  /**
   * Per slot, the polyphony of its track in the context, or what the polyphony asked allows (steer.ts polyphonyCap):
   * the limit where the request sets no maxPolyphony.
   */
  contextPolyphony?: readonly (number | undefined)[];
  maxNotesPerBar?: number; // per region track
  scale?: { tonic: number; mode: "major" | "minor" } | null;
  scaleBias?: number; // added to out-of-scale pitch logits (negative; drums exempt)
  steering?: Steering; // what the request's density and register ask (steer.ts)
  /**
   * Per slot, whether its track plays in the window's context: such a track may not come back silent from the region
   * (it owes one note in the region's last bar while it has written none). Model 2 left 12% of pop909 melody fills
   * empty where the original had notes (models/eval/melody-fill.ts).
   */
  mustPlay?: readonly boolean[];
  /** The pitch classes the other tracks sound, per window grid tick, and the logit their chord tones get (harmony-bias.ts). */
  harmony?: { mask: HarmonyMask; bias: number };
}

export interface ConstraintState {
  spec: ConstraintSpec;
  notes: Span[][]; // per slot: staying + decoded
  written: number[]; // per slot: notes decoded
  slotsOf: Map<number, number[]>; // model track -> slots it can reach
  pitches: Map<number, PitchTally>; // model track -> the pitches it has decoded (the register's mean)
  onsets: Map<number, Map<number, number>>; // model track -> onset (window tick) -> notes decoded there
}

export function createConstraintState(spec: ConstraintSpec): ConstraintState {
  const notes: Span[][] = Array.from({ length: spec.slots }, () => []);
  for (const n of spec.staying) notes[n.slot].push({ start: n.start, end: n.end, pitch: n.pitch });
  const slotsOf = new Map<number, number[]>();
  for (const [track, assign] of spec.assign) slotsOf.set(track, [...new Set(assign.filter((s) => s >= 0))].sort((a, b) => a - b));
  return { spec, notes, written: notes.map(() => 0), slotsOf, pitches: new Map(), onsets: new Map() };
}

/** Notes sounding at any moment of [start, end) on one slot (the most at once). */
export function soundingIn(notes: readonly Span[], start: number, end: number): number {
  let most = 0;
  for (const at of [start, ...notes.filter((n) => n.start > start && n.start < end).map((n) => n.start)]) {
    let c = 0;
    for (const n of notes) if (n.start <= at && at < n.end) c++;
    most = Math.max(most, c);
  }
  return most;
}

const notesInBar = (st: ConstraintState, slot: number, bar: number): number =>
  st.notes[slot].reduce((c, n) => c + (Math.floor(n.start / st.spec.barLen) === bar ? 1 : 0), 0);

/** The sixteenths where a note of the slot starts, from the region's start to the end of window bar `bar`. */
const sixteenthsUpTo = (st: ConstraintState, slot: number, bar: number): Set<number> => {
  const from = st.spec.startTick ?? 0;
  const to = (bar + 1) * st.spec.barLen;
  return new Set(st.notes[slot].filter((n) => n.start >= from && n.start < to).map((n) => Math.floor(n.start / SIXTEENTH)));
};

/** The share of `n` (the region's onsets) due by the end of window bar `bar`: each bar takes its share as it comes. */
function dueBy(st: ConstraintState, n: number, bar: number): number {
  const { barLen, endTick, startTick = 0 } = st.spec;
  const bars = Math.max(1, Math.round((endTick - startTick) / barLen));
  const done = Math.min(bars, Math.max(1, bar - Math.floor(startTick / barLen) + 1));
  return Math.ceil((n * done) / bars);
}

function fits(st: ConstraintState, slot: number, start: number, end: number): boolean {
  const { barLen, steering } = st.spec;
  const bar = Math.floor(start / barLen);
  const maxNotesPerBar = Math.min(st.spec.maxNotesPerBar ?? Infinity, steering?.notesPerBar?.hi ?? Infinity);
  const maxPolyphony = st.spec.maxPolyphony ?? st.spec.contextPolyphony?.[slot];
  if (maxNotesPerBar < Infinity && notesInBar(st, slot, bar) >= maxNotesPerBar) return false;
  const onsets = steering?.onsets;
  if (onsets) {
    const taken = sixteenthsUpTo(st, slot, bar);
    if (!taken.has(Math.floor(start / SIXTEENTH)) && taken.size >= dueBy(st, onsets.hi, bar)) return false; // a new sixteenth over the ceiling
  }
  return maxPolyphony === undefined || soundingIn(st.notes[slot], start, end) < maxPolyphony;
}

/**
 * The notes a model track still owes window bar `bar`: the density asked, a note on each sixteenth the activity asked
 * lacks by the end of the bar (its share of the region's), and one note in the region's last bar for a slot that must
 * play and has written none; undefined when nothing is owed anywhere.
 */
export function owedNotes(st: ConstraintState): Owed | undefined {
  const lo = st.spec.steering?.notesPerBar?.lo ?? 0;
  const loOnsets = st.spec.steering?.onsets?.lo ?? 0;
  const must = st.spec.mustPlay;
  if (lo === 0 && loOnsets === 0 && !must?.some(Boolean)) return undefined;
  const lastBar = Math.ceil(st.spec.endTick / st.spec.barLen) - 1;
  const owes = (s: number, bar: number): number =>
    Math.max(
      0,
      lo - notesInBar(st, s, bar),
      loOnsets > 0 ? dueBy(st, loOnsets, bar) - sixteenthsUpTo(st, s, bar).size : 0, // each a note at a sixteenth not yet started
      bar === lastBar && must?.[s] && st.written[s] === 0 ? 1 : 0,
    );
  return (track, bar) => (st.slotsOf.get(track) ?? []).reduce((sum, s) => sum + owes(s, bar), 0);
}

const anySlotFits = (st: ConstraintState, track: number, start: number, end: number): boolean =>
  (st.slotsOf.get(track) ?? []).some((s) => fits(st, s, start, end));

/** May a note of `pitch` on model `track` sound over [start, end)? (its slot's limits, no doubled note) */
function pitchFits(st: ConstraintState, track: number, pitch: number, start: number, end: number): boolean {
  const slot = st.spec.assign.get(track)?.[pitch] ?? -1;
  if (slot < 0 || !fits(st, slot, start, end)) return false;
  return !st.notes[slot].some((n) => n.pitch === pitch && n.start < end && start < n.end);
}

/** Is there any pitch from `minPitch` up that may sound over [start, end)? Keeps decoding from dead-ending. */
function somePitchFits(st: ConstraintState, track: number, start: number, end: number, minPitch: number): boolean {
  for (let k = minPitch; k < 128; k++) if (pitchFits(st, track, k, start, end)) return true;
  return false;
}

/** Can a note of `track` still start somewhere in window bar `bar`? */
function trackCanPlay(st: ConstraintState, track: number, bar: number, from: number): boolean {
  const { barLen } = st.spec;
  for (let p = from; p < barLen; p++) if (anySlotFits(st, track, bar * barLen + p, bar * barLen + p + 1)) return true;
  return false;
}

export interface Masked {
  allowed: number[];
  bias?: Map<number, number>;
}

/** Filters the grammar's `allowed` ids for the decoder's state `g`, and adds the soft scale, register and harmony biases. */
export function constrain(st: ConstraintState, g: GrammarState, allowed: readonly number[]): Masked {
  const { barLen, endTick, scale, scaleBias = -2, steering, harmony } = st.spec;
  const onset = g.bar * barLen + g.pos;
  const out: number[] = [];
  let bias: Map<number, number> | undefined;
  for (const id of allowed) {
    const { kind, value } = describe(id);
    if (kind === "track") {
      if (trackCanPlay(st, value, g.bar, 0)) out.push(id);
    } else if (kind === "pos") {
      const t = g.bar * barLen + value;
      if (!somePitchFits(st, g.track, t, t + 1, value === g.prevPos ? g.prevPitch + 1 : 0)) continue;
      out.push(id);
      if (g.track === DRUM_TRACK && steering?.style && value !== g.pos) (bias ??= new Map()).set(id, steering.style.pos(value));
    } else if (kind === "dur") {
      if (onset + value <= endTick && somePitchFits(st, g.track, onset, onset + value, g.pos === g.prevPos ? g.prevPitch + 1 : 0)) out.push(id);
    } else if (kind === "pitch") {
      if (!pitchFits(st, g.track, value, onset, onset + g.dur)) continue;
      out.push(id);
      if (g.track === DRUM_TRACK) {
        if (steering?.style) (bias ??= new Map()).set(id, steering.style.part(g.pos, value));
        continue;
      }
      const by =
        (scale && !inScale(value, scale) ? scaleBias : 0) +
        (steering?.register ? registerBias(value, steering.register, st.pitches.get(g.track)) : 0) +
        (harmony ? harmonyBias(harmony.mask, onset, value, harmony.bias) : 0);
      if (by !== 0) (bias ??= new Map()).set(id, by);
    } else out.push(id);
  }
  return { allowed: out, bias };
}

/** The notes the onset of the note just decoded (state `g`) still owes the polyphony asked (steer.ts chordSize). */
export function chordOwed(st: ConstraintState, g: GrammarState): number {
  const bucket = st.spec.steering?.polyphony;
  if (bucket === undefined || bucket === 0) return 0;
  const onsets = st.onsets.get(g.track);
  const onset = g.bar * st.spec.barLen + g.pos;
  const before = onsets ? [...onsets.keys()].filter((t) => t < onset).length : 0;
  return chordSize(bucket, before) - (onsets?.get(onset) ?? 0);
}

/** Records a decoded note; returns its slot. */
export function recordNote(st: ConstraintState, n: DecodedNote): number {
  const slot = st.spec.assign.get(n.track)?.[n.pitch] ?? -1;
  if (slot < 0) throw new Error(`note pitch ${n.pitch} on model track ${n.track} is outside the region's constraints`);
  const start = n.bar * st.spec.barLen + n.pos;
  st.notes[slot].push({ start, end: start + n.duration, pitch: n.pitch });
  st.written[slot]++;
  const tally = st.pitches.get(n.track) ?? { sum: 0, count: 0 };
  st.pitches.set(n.track, { sum: tally.sum + n.pitch, count: tally.count + 1 });
  const onsets = st.onsets.get(n.track) ?? new Map<number, number>();
  st.onsets.set(n.track, onsets.set(start, (onsets.get(start) ?? 0) + 1));
  return slot;
}

/**
 * Which slot each pitch goes to: pitches in [pitchLo, pitchHi] (GM drum pitches on the drum track) go to the slot
 * whose median pitch is nearest (chords and bass share the accompaniment track: the split falls halfway between
 * their medians). An entry with slot -1 stands for a track outside the region: its pitches are masked out.
 */
export function buildAssignment(
  modelTrack: number,
  pitchLo: number,
  pitchHi: number,
  slots: readonly { slot: number; median: number }[],
): Int16Array {
  const assign = new Int16Array(128).fill(-1);
  const lo = modelTrack === DRUM_TRACK ? Math.max(pitchLo, DRUM_PITCH_LO) : pitchLo;
  const hi = modelTrack === DRUM_TRACK ? Math.min(pitchHi, DRUM_PITCH_HI) : pitchHi;
  if (slots.length === 0) return assign;
  for (let k = lo; k <= hi; k++) {
    let best = slots[0];
    for (const s of slots) if (Math.abs(k - s.median) < Math.abs(k - best.median)) best = s;
    assign[k] = best.slot;
  }
  return assign;
}
