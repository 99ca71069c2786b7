/**
 * The n-gram baseline: interpolated Kneser-Ney over token ids (Chen & Goodman 1998), counts kept as sorted
 * typed arrays (a gram is one number: its ids in base 1024), so ten million training tokens fit in memory.
 */
const BASE = 1024;

interface Level {
  keys: Float64Array; // sorted gram codes
  counts: Uint32Array; // raw counts (highest order) or continuation counts (lower orders)
  ctxKeys: Float64Array; // sorted codes of the grams' histories
  ctxTotal: Float64Array;
  ctxTypes: Uint32Array;
  discount: number;
}

export interface NgramModel {
  readonly order: number;
  readonly vocabSize: number;
  /** log2 p(token | history); the history's last order-1 ids are used. */
  log2Prob(token: number, history: ArrayLike<number>): number;
}

function search(keys: Float64Array, key: number): number {
  let lo = 0;
  let hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const k = keys[mid];
    if (k === key) return mid;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Sorts codes in place and returns each distinct code with how often it occurs. */
function countSorted(codes: Float64Array): { keys: Float64Array; counts: Uint32Array } {
  codes.sort();
  let distinct = 0;
  for (let i = 0; i < codes.length; i++) if (i === 0 || codes[i] !== codes[i - 1]) distinct++;
  const keys = new Float64Array(distinct);
  const counts = new Uint32Array(distinct);
  let j = -1;
  for (let i = 0; i < codes.length; i++) {
    if (i === 0 || codes[i] !== codes[i - 1]) keys[++j] = codes[i];
    counts[j]++;
  }
  return { keys, counts };
}

/** Ney's estimate D = n1 / (n1 + 2 n2) from the counts of counts, kept inside a sane range. */
function discountOf(counts: Uint32Array): number {
  let n1 = 0;
  let n2 = 0;
  for (const c of counts) {
    if (c === 1) n1++;
    else if (c === 2) n2++;
  }
  return n1 + n2 > 0 ? Math.min(0.95, Math.max(0.05, n1 / (n1 + 2 * n2))) : 0.75;
}

function level(keys: Float64Array, counts: Uint32Array, order: number): Level {
  const ctxCodes: number[] = [];
  const total: number[] = [];
  const types: number[] = [];
  for (let i = 0; i < keys.length; i++) {
    const ctx = order === 1 ? 0 : Math.floor(keys[i] / BASE);
    if (ctxCodes.length === 0 || ctxCodes[ctxCodes.length - 1] !== ctx) {
      ctxCodes.push(ctx);
      total.push(0);
      types.push(0);
    }
    total[total.length - 1] += counts[i];
    types[types.length - 1] += 1;
  }
  return {
    keys,
    counts,
    ctxKeys: Float64Array.from(ctxCodes),
    ctxTotal: Float64Array.from(total),
    ctxTypes: Uint32Array.from(types),
    discount: discountOf(counts),
  };
}

/** Trains on token sequences; grams never cross a sequence boundary. order 1..5, ids < 1024. */
export function trainNgram(sequences: Iterable<ArrayLike<number>>, order: number, vocabSize: number): NgramModel {
  if (!(order >= 1 && order <= 5)) throw new RangeError(`order ${order}: must be 1..5 (codes must stay below 2^53)`);
  if (vocabSize > BASE) throw new RangeError(`vocabulary of ${vocabSize}: at most ${BASE}`);
  const seqs = [...sequences];
  let n = 0;
  for (const s of seqs) n += Math.max(0, s.length - order + 1);
  const codes = new Float64Array(n);
  let at = 0;
  for (const s of seqs)
    for (let i = order - 1; i < s.length; i++) {
      let code = 0;
      for (let j = i - order + 1; j <= i; j++) code = code * BASE + s[j];
      codes[at++] = code;
    }
  const levels: Level[] = new Array(order);
  let { keys, counts } = countSorted(codes);
  levels[order - 1] = level(keys, counts, order);
  // Lower orders count how many distinct ids precede a gram (its continuation count), from the order above.
  for (let k = order - 1; k >= 1; k--) {
    const mod = BASE ** k;
    const suffixes = new Float64Array(keys.length);
    for (let i = 0; i < keys.length; i++) suffixes[i] = keys[i] % mod;
    ({ keys, counts } = countSorted(suffixes));
    levels[k - 1] = level(keys, counts, k);
  }

  return {
    order,
    vocabSize,
    log2Prob(token, history) {
      let p = 1 / vocabSize;
      for (let k = 1; k <= order; k++) {
        if (k - 1 > history.length) break;
        const L = levels[k - 1];
        let ctx = 0;
        for (let j = history.length - (k - 1); j < history.length; j++) ctx = ctx * BASE + history[j];
        const c = search(L.ctxKeys, ctx);
        if (c < 0) break; // no longer history was seen either
        const g = search(L.keys, ctx * BASE + token);
        const count = g < 0 ? 0 : L.counts[g];
        p = (Math.max(count - L.discount, 0) + L.discount * L.ctxTypes[c] * p) / L.ctxTotal[c];
      }
      return Math.log2(p);
    },
  };
}
