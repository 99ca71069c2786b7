/**
 * The repetition expert: music repeats itself bar by bar, so next to the transformer the decoder consults the same
 * track a period earlier (the period each region track repeats at, measured on the context) and predicts the one
 * token that copying it would write next. The model's distribution is mixed with that prediction,
 * p = (1 - λ) p_model + λ [x = prediction], with one λ per grammar state, fitted on the training shard
 * (`npm run model:fit-repetition`) and kept in the manifest. Pure; shared by inference and evaluation.
 */
import { decodeBars, readRegionHeader } from "./decode";
import type { TokNote } from "./encode";
import { BAR, CTX, EOS, MAX_POS, MID, REGION, tok } from "./vocab";
import type { GrammarState } from "./grammar";

/** The grammar states a prediction is made in (the state before the token predicted). */
export const REPETITION_STATES = ["bar", "track", "pos", "dur", "pitch"] as const;
export type RepetitionStateKind = (typeof REPETITION_STATES)[number];
export type RepetitionWeights = Record<RepetitionStateKind, number>;

/** Periods tried, in bars; the one whose bars best match the context's is used, per track. */
export const PERIODS = [1, 2, 4, 8] as const;

interface SourceNote {
  pos: number;
  dur: number;
  pitch: number;
}

export interface RepetitionContext {
  windowBars: number;
  region: { startBar: number; endBar: number; pitchLo: number; pitchHi: number; tracks: number[] };
  /** Context notes by window bar, then model track, sorted as the tokenizer writes them. */
  bars: ByBarTrack;
  period: Map<number, number>; // region track -> period in bars
}

export interface Repetition {
  readonly ctx: RepetitionContext;
  /** Region notes decoded so far, by bar and track (sources for later region bars). */
  written: ByBarTrack;
}

const byPosPitch = (a: SourceNote, b: SourceNote) => a.pos - b.pos || a.pitch - b.pitch;

type ByBarTrack = Map<number, Map<number, SourceNote[]>>;

/** The list of notes of one bar and track, created empty on first use. */
function listAt(byBar: ByBarTrack, bar: number, track: number): SourceNote[] {
  let tracks = byBar.get(bar);
  if (!tracks) byBar.set(bar, (tracks = new Map()));
  let list = tracks.get(track);
  if (!list) tracks.set(track, (list = []));
  return list;
}

function group(notes: TokNote[], barLen: number): ByBarTrack {
  const out: ByBarTrack = new Map();
  for (const n of notes) {
    const bar = Math.floor(n.start / barLen);
    listAt(out, bar, n.track).push({ pos: n.start - bar * barLen, dur: n.duration, pitch: n.pitch });
  }
  for (const tracks of out.values()) for (const list of tracks.values()) list.sort(byPosPitch);
  return out;
}

/** Jaccard overlap of two bars' (onset, pitch) sets; both empty counts as a match. */
function barSimilarity(a: SourceNote[], b: SourceNote[]): number {
  if (a.length === 0 && b.length === 0) return 1;
  const keys = new Set(a.map((n) => n.pos * 128 + n.pitch));
  const shared = b.filter((n) => keys.has(n.pos * 128 + n.pitch)).length;
  return shared / (a.length + b.length - shared);
}

/** Reads a prompt (BOS CTX bars REGION header MID) into the expert's context. */
export function repetitionContext(prompt: readonly number[]): RepetitionContext {
  const barLen = MAX_POS; // onsets stay below it whatever the meter: a stand-in bar length for grouping by bar
  const ctxAt = prompt.indexOf(CTX);
  const regAt = prompt.indexOf(REGION);
  const midAt = prompt.indexOf(MID);
  if (ctxAt < 0 || regAt < ctxAt || midAt < regAt) throw new Error("not a FIM prompt: CTX, REGION and MID must appear in order");
  const region = readRegionHeader(prompt.slice(regAt + 1, midAt));
  const body = prompt.slice(ctxAt + 1, regAt);
  const windowBars = body.filter((id) => id === BAR).length;
  const inRange = (n: TokNote) => n.pitch >= region.pitchLo && n.pitch <= region.pitchHi;
  const bars = group(decodeBars(body, 0, barLen).filter(inRange), barLen);
  const isContextBar = (bar: number) => bar >= 0 && bar < windowBars && (bar < region.startBar || bar >= region.endBar);
  const notesAt = (bar: number, track: number) => bars.get(bar)?.get(track) ?? [];
  const period = new Map<number, number>();
  for (const track of region.tracks) {
    let best = { k: 1, score: -1 };
    for (const k of PERIODS) {
      let sum = 0;
      let pairs = 0;
      for (let bar = k; bar < windowBars; bar++) {
        if (!isContextBar(bar) || !isContextBar(bar - k)) continue;
        const a = notesAt(bar, track);
        const b = notesAt(bar - k, track);
        if (a.length === 0 && b.length === 0) continue;
        sum += barSimilarity(a, b);
        pairs++;
      }
      const score = pairs > 0 ? sum / pairs : -1;
      if (score > best.score) best = { k, score };
    }
    period.set(track, best.k);
  }
  return { windowBars, region, bars, period };
}

export const createRepetition = (ctx: RepetitionContext): Repetition => ({ ctx, written: new Map() });

/**
 * Records a decoded region note (window bar, model track, onset in the bar). The grammar writes a bar's notes of a
 * track by onset, then pitch, so each list stays in the order the expert reads.
 */
export function recordRepetition(r: Repetition, n: { bar: number; track: number; pos: number; duration: number; pitch: number }): void {
  listAt(r.written, n.bar, n.track).push({ pos: n.pos, dur: n.duration, pitch: n.pitch });
}

/** What the track played one period away from `bar`: earlier if that bar is known, else later; null if neither. */
function source(r: Repetition, bar: number, track: number): SourceNote[] | null {
  const { region, windowBars, bars } = r.ctx;
  const k = r.ctx.period.get(track) ?? 1;
  for (const from of [bar - k, bar + k]) {
    if (from < 0 || from >= windowBars) continue;
    if (from >= region.startBar && from < region.endBar) {
      if (from < bar) return r.written.get(from)?.get(track) ?? [];
      continue; // a later region bar is not written yet
    }
    return bars.get(from)?.get(track) ?? [];
  }
  return null;
}

/** The first region track after `after` that the source plays in this bar, or the bar's closer. Null if unknown. */
function nextTrackOrClose(r: Repetition, g: GrammarState, after: number): number | null {
  for (const t of g.tracks) {
    if (t <= after) continue;
    const src = source(r, g.bar, t);
    if (src === null) return null;
    if (src.length > 0) return tok.track(t);
  }
  return g.barsOpened < g.nBars ? BAR : EOS;
}

/** The token copying the source would write next in grammar state `g`; null where the source says nothing. */
export function predictRepetition(r: Repetition, g: GrammarState): number | null {
  switch (g.last) {
    case "bar":
      return nextTrackOrClose(r, g, -1);
    case "track": {
      const src = source(r, g.bar, g.track);
      return src && src.length > 0 ? tok.pos(src[0].pos) : null;
    }
    case "pos":
    case "dur": {
      const src = source(r, g.bar, g.track);
      const here = (src ?? []).filter((n) => n.pos === g.pos && (g.pos !== g.prevPos || n.pitch > g.prevPitch));
      if (here.length === 0) return null;
      if (g.last === "pos") return tok.dur(here[0].dur);
      return tok.pitch((here.find((n) => n.dur === g.dur) ?? here[0]).pitch);
    }
    case "pitch": {
      const src = source(r, g.bar, g.track);
      if (src === null) return null;
      const next = src.find((n) => n.pos > g.pos || (n.pos === g.pos && n.pitch > g.prevPitch));
      return next ? tok.pos(next.pos) : nextTrackOrClose(r, g, g.track);
    }
    default:
      return null;
  }
}

/**
 * log p of a token under the mixture, from the model's log-probability of it (nats) and whether the expert predicted
 * it (true), predicted another token (false) or made no prediction (null).
 */
export function mixedLogProb(modelLogProb: number, hit: boolean | null, lambda: number): number {
  if (hit === null || lambda <= 0) return modelLogProb;
  return Math.log((1 - lambda) * Math.exp(modelLogProb) + (hit ? lambda : 0));
}

/**
 * The logit bias that turns sampling from the model into sampling from the mixture: only the prediction moves,
 * by log(((1 - λ) p + λ) / ((1 - λ) p)), where p is the model's probability of it.
 */
export function repetitionBias(predictionLogProb: number, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda >= 1) return Infinity;
  const p = Math.exp(predictionLogProb);
  return Math.log(((1 - lambda) * p + lambda) / ((1 - lambda) * p));
}
