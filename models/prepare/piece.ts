import type { Style, TokNote } from "../tokenizer";

export type Split = "train" | "valid";

/** A stretch of a piece with a constant bar length; note starts are grid ticks from the segment's first downbeat. */
export interface Segment {
  beatsPerBar: number;
  bars: number;
  notes: TokNote[];
}

export interface Piece {
  source: "pop909" | "groove";
  id: string;
  split: Split;
  /** Model tracks the piece uses; a region only ever asks for these. */
  tracks: number[];
  /** Drums are never transposed. */
  pitched: boolean;
  /** The style tag the data gives the piece (pop909 is all "pop"; a groove-midi take's style is in its name). */
  style?: Style;
  segments: Segment[];
}

/** One note per (track, pitch, start): the longest, then the loudest. */
export function dedupeNotes(notes: TokNote[]): TokNote[] {
  const best = new Map<string, TokNote>();
  for (const n of notes) {
    const key = `${n.track}/${n.pitch}/${n.start}`;
    const old = best.get(key);
    if (!old || n.duration > old.duration || (n.duration === old.duration && (n.velocity ?? 0) > (old.velocity ?? 0))) best.set(key, n);
  }
  return [...best.values()].sort((a, b) => a.start - b.start || a.track - b.track || a.pitch - b.pitch);
}
