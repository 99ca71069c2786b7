/** Infill NLL in bits per note on the region's tokens only, split by what each token encodes. */
import { logSoftmaxAt } from "../../server/inference/sampler";
import { describe } from "../tokenizer";

export interface RegionBits {
  notes: number; // notes in the region (the denominator of bits per note)
  tokens: number; // scored tokens: everything after MID, EOS included
  total: number; // bits, summed
  onset: number; // POS tokens
  duration: number; // DUR tokens
  pitch: number; // PITCH tokens
  structure: number; // BAR, TRACK and EOS tokens
}

export const emptyBits = (): RegionBits => ({ notes: 0, tokens: 0, total: 0, onset: 0, duration: 0, pitch: 0, structure: 0 });

/** Scores tokens[promptLength..] with `log2p(i)` = log2 p(tokens[i] | tokens[..i]). */
export function regionBits(tokens: ArrayLike<number>, promptLength: number, log2p: (i: number) => number): RegionBits {
  const out = emptyBits();
  for (let i = promptLength; i < tokens.length; i++) {
    const bits = -log2p(i);
    const { kind } = describe(tokens[i]);
    out.tokens++;
    out.total += bits;
    if (kind === "pos") out.onset += bits;
    else if (kind === "dur") out.duration += bits;
    else if (kind === "pitch") {
      out.pitch += bits;
      out.notes++;
    } else out.structure += bits;
  }
  return out;
}

export function addBits(a: RegionBits, b: RegionBits): RegionBits {
  return {
    notes: a.notes + b.notes,
    tokens: a.tokens + b.tokens,
    total: a.total + b.total,
    onset: a.onset + b.onset,
    duration: a.duration + b.duration,
    pitch: a.pitch + b.pitch,
    structure: a.structure + b.structure,
  };
}

/** log2 softmax(row)[token] for one row of logits, computed stably. */
export function log2Softmax(logits: ArrayLike<number>, offset: number, vocab: number, token: number): number {
  return logSoftmaxAt(logits, offset, vocab, token) / Math.LN2;
}
