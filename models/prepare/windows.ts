import { barLength, encodeFim, MAX_SEQ_LEN, MAX_WINDOW_BARS, type TokNote } from "../tokenizer";
import type { Piece, Segment } from "./piece";
import type { Rng } from "./prng";
import { contrastControls } from "./contrast";
import { trainingControls } from "./controls";
import { pickRegion } from "./regions";
import { spliceStyle, type DrumPool } from "./style-splice";

export const MIN_WINDOW_BARS = 8;
export const MAX_TRAIN_WINDOW_BARS = 16;
const TRANSPOSE_LO = -5;
const TRANSPOSE_HI = 6;
/**
 * BOS CTX, the REGION header (at most 10, and up to 5 controls a track and 2 for the region), up to 4 region BARs and
 * EOS: the tokens a window costs beyond its bars.
 */
const OVERHEAD = 2 + 10 + 4 * 5 + 2 + 4 + 1 + 8;

export interface TrainingSequence {
  tokens: number[];
  promptLength: number;
}

/** Tokens a bar costs wherever it lands: BAR, a TRACK per track group, three per note. */
function barCosts(segment: Segment): number[] {
  const barLen = barLength(segment.beatsPerBar);
  const notes = new Array<number>(segment.bars).fill(0);
  const tracks = Array.from({ length: segment.bars }, () => new Set<number>());
  for (const n of segment.notes) {
    const bar = Math.floor(n.start / barLen);
    notes[bar] += 1;
    tracks[bar].add(n.track);
  }
  return notes.map((count, b) => 1 + tracks[b].size + 3 * count);
}

/** Shifts a window's notes to its start and transposes them; a transposition that would leave 0..127 is dropped. */
function windowNotes(segment: Segment, firstBar: number, bars: number, transpose: number): TokNote[] {
  const barLen = barLength(segment.beatsPerBar);
  const from = firstBar * barLen;
  const to = from + bars * barLen;
  const notes = segment.notes.filter((n) => n.start >= from && n.start < to);
  const ok = notes.every((n) => n.pitch + transpose >= 0 && n.pitch + transpose <= 127);
  const shift = ok ? transpose : 0;
  return notes.map((n) => ({ ...n, start: n.start - from, pitch: n.pitch + shift }));
}

/**
 * Control contrast for shares of a split's windows, drawn from a stream of its own: drums of another style in the
 * region (style-splice.ts, `styleShare`, from `pool`), or a density or register contrast (contrast.ts, `share`).
 */
export interface ContrastDraw {
  rng: Rng;
  share: number;
  styleShare: number;
  pool?: DrumPool;
}

/**
 * Cuts a segment into consecutive windows of 8-16 bars (shorter where the segment or the token budget forces it),
 * starting at a random offset; each window gets a seeded region and, for pitched training data, a transposition.
 */
export function cutWindows(piece: Piece, segment: Segment, rng: Rng, augment: boolean, contrast?: ContrastDraw): TrainingSequence[] {
  const costs = barCosts(segment);
  const out: TrainingSequence[] = [];
  let bar = augment ? rng.int(0, Math.min(MIN_WINDOW_BARS - 1, Math.max(0, segment.bars - MIN_WINDOW_BARS))) : 0;
  while (bar < segment.bars) {
    const wanted = Math.min(rng.int(MIN_WINDOW_BARS, MAX_TRAIN_WINDOW_BARS), MAX_WINDOW_BARS, segment.bars - bar);
    let bars = 0;
    let total = OVERHEAD;
    while (bars < wanted && total + costs[bar + bars] <= MAX_SEQ_LEN) total += costs[bar + bars++];
    if (bars === 0) {
      bar++; // a single bar too dense to encode
      continue;
    }
    const transpose = augment && piece.pitched ? rng.int(TRANSPOSE_LO, TRANSPOSE_HI) : 0;
    const window = encodeWindow(piece, segment, bar, bars, transpose, rng, contrast);
    if (window.seq) out.push(window.seq);
    bar += window.bars;
  }
  return out;
}

/** Encodes a window with a seeded region; a region split can add a few TRACK tokens, so shrink until it fits. */
function encodeWindow(
  piece: Piece,
  segment: Segment,
  firstBar: number,
  bars: number,
  transpose: number,
  rng: Rng,
  contrast?: ContrastDraw,
): { seq?: TrainingSequence; bars: number } {
  for (let n = bars; n > 0; n--) {
    let notes = windowNotes(segment, firstBar, n, transpose);
    if (notes.length === 0) return { bars }; // silence teaches nothing
    let region = pickRegion(rng, n, piece.tracks, notes, segment.beatsPerBar);
    const draw = contrast ? contrast.rng.next() : 1;
    const spliced = contrast?.pool && draw < contrast.styleShare ? spliceStyle(contrast.rng, notes, region, segment.beatsPerBar, piece.style, contrast.pool) : undefined;
    const contrasted = contrast && !spliced && draw >= contrast.styleShare && draw < contrast.styleShare + contrast.share
      ? contrastControls(contrast.rng, notes, region, segment.beatsPerBar)
      : undefined;
    if (spliced) ({ notes, region } = spliced);
    if (contrasted) notes = contrasted.notes;
    const controls = trainingControls(rng, notes, region, segment.beatsPerBar, piece.style, contrasted);
    if (spliced) controls.style = spliced.style;
    const seq = encodeFim({ notes, beatsPerBar: segment.beatsPerBar, windowBars: n, region, controls });
    if (seq.tokens.length <= MAX_SEQ_LEN) return { seq, bars: n };
  }
  return { bars: 1 };
}
