import { createHash } from "node:crypto";

/** A seeded PRNG (mulberry32): the same seed gives the same stream on every machine. */
export interface Rng {
  next(): number; // [0, 1)
  int(lo: number, hi: number): number; // inclusive
  pick<T>(items: readonly T[]): T;
}

/** Seeds from a string (e.g. "train/pop909/001/copy0") so each piece has its own stream, independent of order. */
export function createRng(seed: string): Rng {
  let a = createHash("sha256").update(seed).digest().readUInt32LE(0);
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return { next, int, pick: (items) => items[int(0, items.length - 1)] };
}
