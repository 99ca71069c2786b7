/**
 * A style memory: what a band's or a class's own pieces tend to write next, kept as their token streams (the
 * tokenizer's bars, `models/adapt/build-style-memory.ts`) and counted at load into a PPM-style model of the next
 * region token given the tokens before it. The model's distribution is multiplied by it (style-mix.ts) raised to an
 * exponent per grammar state and per how long a history the memory has seen, fitted on the source pieces themselves.
 */
import { z } from "zod";
import { BAR, describe, type RepetitionStateKind } from "../../../models/tokenizer";

export const STYLE_MEMORY_VERSION = 1;

const perLength = z.array(z.number().min(0).max(4));
const weightsSchema = z.object({ bar: perLength, track: perLength, pos: perLength, dur: perLength, pitch: perLength });

export const styleMemorySchema = z.object({
  kind: z.literal("style-memory"),
  version: z.literal(STYLE_MEMORY_VERSION),
  tokenizer: z.string(),
  order: z.number().int().min(1).max(12), // tokens a prediction looks at: the history is order - 1 tokens
  /** Per grammar state, the exponent β on q for each length of history the memory matched (0..order-1). */
  weights: weightsSchema,
  /** The pieces it learned from (for credit), each with its token stream (BAR (TRACK (POS DUR PITCH)+)* per bar). */
  sources: z.array(z.object({ pieceId: z.string().min(1), tokens: z.array(z.number().int().min(0)) })).min(1),
  /** sha256 of the version, tokenizer, order and every source's id and tokens: what credit and caches key on. */
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  builtAt: z.string(),
});
export type StyleMemoryArtifact = z.infer<typeof styleMemorySchema>;
export type StyleWeights = StyleMemoryArtifact["weights"];

/** Absolute discount of the interpolated counts (Ney's usual value for small counts). */
const DISCOUNT = 0.75;
/**
 * A share of q spread evenly over the allowed ids: through five levels of backing off, an id the pieces never played
 * there gets a probability near 1e-8, and even q^0.1 then cuts the model's choice by a factor of six.
 */
const UNIFORM_SHARE = 0.1;

interface Context {
  total: number;
  counts: Map<number, number>;
}

export interface StyleMemory {
  readonly artifact: StyleMemoryArtifact;
  /**
   * q(id | history) for each id of `allowed`, normalized over them (the grammar's choices), and the length of the
   * longest history the memory has seen (its confidence). `history` is the region's tokens so far, after MID.
   */
  predict(history: readonly number[], allowed: readonly number[]): { q: Float64Array; matched: number };
  /** Whether it learned every one of a region's model tracks: a drummer's memory says nothing of a melody. */
  speaksFor(tracks: readonly number[]): boolean;
  /** The exponent on q in a grammar state for a history matched to `matched` tokens (0: the model alone). */
  weight(state: RepetitionStateKind, matched: number): number;
}

/** A source's stream as the region of one track would read: that track's notes only, every BAR kept. */
export function trackStream(tokens: readonly number[], track: number): number[] {
  const out: number[] = [];
  let current = -1;
  for (const id of tokens) {
    const { kind, value } = describe(id);
    if (kind === "bar") current = -1;
    else if (kind === "track") current = value;
    if (kind === "bar" || current === track) out.push(id);
  }
  return out;
}

/** Each source whole (a region over every track) and each of its tracks alone (a one-track region). */
export function trainingStreams(sources: readonly { tokens: readonly number[] }[]): number[][] {
  const out: number[][] = [];
  for (const s of sources) {
    const tracks = [...new Set(s.tokens.map(describe).filter((d) => d.kind === "track").map((d) => d.value))];
    out.push([...s.tokens]);
    if (tracks.length > 1) for (const t of tracks) out.push(trackStream(s.tokens, t));
  }
  return out;
}

const keyOf = (h: readonly number[], from: number, to: number) => h.slice(from, to).join(",");

/** Counts every (history, next) pair of the streams for histories of 0..order-1 tokens. */
export function countContexts(streams: readonly (readonly number[])[], order: number): Map<string, Context>[] {
  const levels = Array.from({ length: order }, () => new Map<string, Context>());
  for (const s of streams)
    for (let i = 1; i < s.length; i++) // s[0] is a BAR that nothing predicts (a region starts after MID)
      for (let h = 0; h < order && h <= i; h++) {
        const key = keyOf(s, i - h, i);
        let c = levels[h].get(key);
        if (!c) levels[h].set(key, (c = { total: 0, counts: new Map() }));
        c.total++;
        c.counts.set(s[i], (c.counts.get(s[i]) ?? 0) + 1);
      }
  return levels;
}

export function openStyleMemory(artifact: StyleMemoryArtifact): StyleMemory {
  const a = styleMemorySchema.parse(artifact);
  const levels = countContexts(trainingStreams(a.sources), a.order);
  const known = new Set(a.sources.flatMap((s) => s.tokens.map(describe).filter((d) => d.kind === "track").map((d) => d.value)));
  return {
    artifact: a,
    speaksFor: (tracks) => tracks.every((t) => known.has(t)),
    predict(history, allowed) {
      // A region's history starts at its first BAR, as the streams do; before it there is nothing to look at.
      const h = history.length > 0 && history[0] === BAR ? history : [BAR, ...history];
      let p = new Float64Array(allowed.length).fill(1 / allowed.length);
      let matched = -1;
      for (let len = 0; len < a.order && len <= h.length; len++) {
        const c = levels[len].get(keyOf(h, h.length - len, h.length));
        if (!c) break; // a longer history was not seen either
        matched = len;
        const types = c.counts.size;
        const lower = p;
        p = new Float64Array(allowed.length);
        for (let k = 0; k < allowed.length; k++) {
          const n = c.counts.get(allowed[k]) ?? 0;
          p[k] = (Math.max(n - DISCOUNT, 0) + DISCOUNT * types * lower[k]) / c.total;
        }
      }
      let sum = 0;
      for (const x of p) sum += x;
      for (let k = 0; k < p.length; k++) p[k] = (1 - UNIFORM_SHARE) * (p[k] / sum) + UNIFORM_SHARE / p.length;
      return { q: p, matched: Math.max(0, matched) };
    },
    weight: (state, matched) => a.weights[state][Math.min(matched, a.weights[state].length - 1)] ?? 0,
  };
}
