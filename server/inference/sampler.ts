/** Seeded sampling over a masked set of token ids: temperature, then top-p (nucleus). Pure. */

export type Rng = () => number;

/** mulberry32: a small, fast 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One independent stream per candidate: the request seed mixed with the candidate index. */
export function candidateRng(seed: number, candidate: number): Rng {
  const mixed = Math.imul((seed >>> 0) ^ Math.imul(candidate + 1, 0x9e3779b9), 0x85ebca6b) >>> 0;
  return mulberry32(mixed);
}

export interface SampleOptions {
  temperature: number;
  topP: number;
}

/**
 * Samples one id from `allowed`, reading logit `logits[offset + id]` plus `bias[id]` when given.
 * Ties keep the order of `allowed`, so the same seed always gives the same id.
 */
export function sampleToken(
  logits: Float32Array,
  offset: number,
  allowed: readonly number[],
  opts: SampleOptions,
  rng: Rng,
  bias?: ReadonlyMap<number, number>,
): number {
  if (allowed.length === 0) throw new Error("sampleToken: no token is allowed");
  const r = rng(); // drawn every step, so one candidate's stream does not depend on how its masks came out
  if (allowed.length === 1) return allowed[0];
  const scored = allowed.map((id, i) => ({ id, i, z: (logits[offset + id] + (bias?.get(id) ?? 0)) / opts.temperature }));
  scored.sort((a, b) => b.z - a.z || a.i - b.i);
  const max = scored[0].z;
  let total = 0;
  const p = scored.map((s) => {
    const e = Number.isFinite(s.z) ? Math.exp(s.z - max) : 0;
    total += e;
    return e;
  });
  if (!(total > 0)) return scored[0].id;
  // Nucleus: the smallest prefix whose probability reaches topP (at least one token).
  let keep = 0;
  let mass = 0;
  while (keep < scored.length && (keep === 0 || mass < opts.topP * total)) mass += p[keep++];
  let x = r * mass;
  for (let k = 0; k < keep; k++) {
    x -= p[k];
    if (x < 0) return scored[k].id;
  }
  return scored[keep - 1].id;
}

/** log sum exp of logits[offset .. offset + size): the log-normalizer of that row's softmax. */
export function logSumExp(logits: ArrayLike<number>, offset: number, size: number): number {
  let max = -Infinity;
  for (let v = offset; v < offset + size; v++) if (logits[v] > max) max = logits[v];
  let sum = 0;
  for (let v = offset; v < offset + size; v++) sum += Math.exp(logits[v] - max);
  return max + Math.log(sum);
}

/** log softmax(logits[offset .. offset + size))[id], in nats. */
export const logSoftmaxAt = (logits: ArrayLike<number>, offset: number, size: number, id: number): number =>
  logits[offset + id] - logSumExp(logits, offset, size);
