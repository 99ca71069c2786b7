/**
 * The style memory mixed into the model's next-token distribution, p = (1 - w) p_model + w q_style, as the repetition
 * expert is: for a likelihood (teacher forcing) and, as logit biases over the allowed ids, for sampling.
 */
import type { GrammarState } from "../../../models/tokenizer";
import type { StyleMemory } from "./style-memory";

/** log((1 - w) p + w q) in nats, from the model's log-probability of the token and the memory's probability of it. */
export function styleMixedLogProb(modelLogProb: number, q: number, w: number): number {
  if (w <= 0) return modelLogProb;
  return Math.log((1 - w) * Math.exp(modelLogProb) + w * q);
}

/**
 * Biases that make sampling over `allowed` draw from the mixture: the biased model's distribution over the allowed
 * ids (logits plus `bias`), mixed with q (over the same ids) at weight w. An id the biases rule out stays out.
 */
export function styleBias(
  logits: ArrayLike<number>,
  offset: number,
  allowed: readonly number[],
  bias: ReadonlyMap<number, number> | undefined,
  q: ArrayLike<number>,
  w: number,
): ReadonlyMap<number, number> | undefined {
  if (w <= 0) return bias;
  const z = allowed.map((id) => logits[offset + id] + (bias?.get(id) ?? 0));
  const max = Math.max(...z);
  if (!Number.isFinite(max)) return bias;
  const e = z.map((x) => Math.exp(x - max));
  const total = e.reduce((s, x) => s + x, 0);
  const open = z.map(Number.isFinite);
  const qTotal = allowed.reduce((s, _, k) => s + (open[k] ? q[k] : 0), 0);
  const out = new Map<number, number>();
  allowed.forEach((id, k) => {
    // q's share of the ruled-out ids goes to the others, so the memory cannot bring one back.
    const mixed = open[k] ? (1 - w) * (e[k] / total) + (qTotal > 0 ? (w * q[k]) / qTotal : 0) : 0;
    out.set(id, Math.log(mixed) - logits[offset + id]); // logits + bias = log of the mixture, up to a constant
  });
  return out;
}

/** One candidate's use of a memory: the region's tokens so far, and the biases for the next choice. */
export interface StyleState {
  bias(g: GrammarState, logits: ArrayLike<number>, offset: number, allowed: readonly number[], bias: ReadonlyMap<number, number> | undefined): ReadonlyMap<number, number> | undefined;
  accept(id: number): void;
}

export function createStyleState(memory: StyleMemory): StyleState {
  const history: number[] = [];
  return {
    bias(g, logits, offset, allowed, bias) {
      if (g.last === "mid" || g.last === "eos" || allowed.length < 2 || !memory.speaksFor(g.tracks)) return bias;
      const { q, matched } = memory.predict(history, allowed);
      return styleBias(logits, offset, allowed, bias, q, memory.weight(g.last, matched));
    },
    accept: (id) => void history.push(id),
  };
}
