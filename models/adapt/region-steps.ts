/**
 * A teacher-forced region as the decoder sees it: for each region token, the grammar state, the ids the grammar
 * allows, and the shipped model's probabilities over those ids (the transformer mixed with the repetition expert at
 * the manifest's weights, renormalized over what the decoder may choose). A memory's steps
 * follow from it without running the model again, so one pass serves every band's memory.
 */
import type { ModelManifest } from "../../server/inference/manifest";
import { logSumExp } from "../../server/inference/sampler";
import {
  advance,
  allowedNext,
  initialGrammar,
  MID,
  readRegionHeader,
  REGION,
  REPETITION_STATES,
  type RepetitionStateKind,
} from "../tokenizer";
import { repetitionSteps } from "../eval/repetition-steps";
import type { StyleMemory } from "../../server/inference/adaptation/style-memory";
import { productLog2p } from "../../server/inference/adaptation/style-mix";

export interface RegionStep {
  index: number;
  state: RepetitionStateKind | null; // null where no expert speaks (the first BAR)
  allowed: number[];
  p: Float64Array; // the shipped model's probabilities over the allowed ids (summing to 1)
  log2p: number; // of the token; 0 where only one id is allowed
}

export interface ScoredRegion {
  pieceId: string;
  tokens: number[];
  promptLength: number;
  tracks: number[]; // the region's model tracks
  notes: number; // PITCH tokens in the region (bits per note divide by it)
  steps: RegionStep[];
}

const STATES = new Set<string>(REPETITION_STATES);

/** `logits` is the model's output over the whole sequence (row i - 1 predicts token i). */
export function scoreRegion(manifest: ModelManifest, logits: Float32Array, tokens: number[], promptLength: number, barLen: number, pieceId: string): ScoredRegion {
  const V = manifest.vocabSize;
  const header = readRegionHeader(tokens.slice(tokens.indexOf(REGION) + 1, promptLength - 1));
  if (tokens[promptLength - 1] !== MID) throw new Error("the prompt must end with MID");
  const g = initialGrammar(header, barLen);
  const lambda = manifest.repetition?.lambda;
  const rep = new Map(repetitionSteps(tokens, promptLength, () => 0).map((s) => [s.index, s]));
  const steps: RegionStep[] = [];
  let notes = 0;
  for (let i = promptLength; i < tokens.length && g.last !== "eos"; i++) {
    const state = g.last;
    const allowed = allowedNext(g);
    let p = Float64Array.of(1);
    if (allowed.length > 1) {
      const at = (i - 1) * V;
      const logZ = logSumExp(logits, at, V);
      const s = rep.get(i);
      // The expert's mass counts only where the decoder could take it: its prediction is an allowed id.
      const l = lambda && s?.kind && s.prediction !== null && allowed.includes(s.prediction) ? lambda[s.kind] : 0;
      p = Float64Array.from(allowed, (id) => (1 - l) * Math.exp(logits[at + id] - logZ) + (id === s?.prediction ? l : 0));
      const mass = p.reduce((a, x) => a + x, 0);
      for (let k = 0; k < p.length; k++) p[k] /= mass;
    }
    const log2p = Math.log2(p[allowed.indexOf(tokens[i])] ?? 1);
    steps.push({ index: i, state: STATES.has(state) ? (state as RepetitionStateKind) : null, allowed, p, log2p });
    if (advance(g, tokens[i])) notes++;
  }
  return { pieceId, tokens, promptLength, tracks: header.tracks, notes, steps };
}

export interface MemoryStep {
  state: RepetitionStateKind;
  matched: number;
  p: Float64Array; // the model's, over the allowed ids
  q: Float64Array; // the memory's, over the same ids
  k: number; // the token's index among them
}

/** The memory's view of each step where it is mixed in (a state it speaks in, more than one id allowed, tracks it knows). */
export function memorySteps(r: ScoredRegion, memory: StyleMemory): MemoryStep[] {
  const out: MemoryStep[] = [];
  if (!memory.speaksFor(r.tracks)) return out;
  for (const s of r.steps) {
    const k = s.allowed.indexOf(r.tokens[s.index]);
    // k < 0: a token the grammar would not let the decoder write (6 of 1,716 steps of chorale regions, a duration):
    // scored 0 bits in the base too (scoreRegion), so the memory leaves it alone
    if (!s.state || s.allowed.length < 2 || k < 0) continue;
    const { q, matched } = memory.predict(r.tokens.slice(r.promptLength, s.index), s.allowed);
    out.push({ state: s.state, matched, p: s.p, q, k });
  }
  return out;
}

/** Bits of the region's tokens: the model alone, and times the memory at its exponents. */
export function regionBitsWith(r: ScoredRegion, memory: StyleMemory | null): number {
  let bits = -r.steps.reduce((s, x) => s + x.log2p, 0);
  if (!memory) return bits;
  for (const m of memorySteps(r, memory)) bits += Math.log2(m.p[m.k]) - productLog2p(m.p, m.q, memory.weight(m.state, m.matched), m.k);
  return bits;
}
