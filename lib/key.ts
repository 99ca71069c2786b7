/**
 * Key of a passage from its pitch-class distribution (Krumhansl-Kessler profiles, duration-weighted),
 * and the key signature that goes with it. The model evaluation and the MusicXML export both use it.
 */

const MAJOR_PROFILE = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
const MINOR_PROFILE = [6.33, 2.68, 3.52, 5.38, 2.6, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];
/** Pitch classes of each mode's scale above its tonic (minor: natural minor). */
export const SCALE_STEPS: Record<"major" | "minor", readonly number[]> = { major: [0, 2, 4, 5, 7, 9, 11], minor: [0, 2, 3, 5, 7, 8, 10] };

export interface Key {
  tonic: number; // pitch class 0..11
  mode: "major" | "minor";
  scale: Set<number>;
}

export interface PitchedNote {
  pitch: number;
  duration: number;
}

/** Pearson correlation of two equally long series; 0 when either is constant. */
export function correlation(a: readonly number[], b: readonly number[]): number {
  const ma = a.reduce((s, x) => s + x, 0) / a.length;
  const mb = b.reduce((s, x) => s + x, 0) / b.length;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i] - ma) * (b[i] - mb);
    da += (a[i] - ma) ** 2;
    db += (b[i] - mb) ** 2;
  }
  return da > 0 && db > 0 ? num / Math.sqrt(da * db) : 0;
}

export const scaleOf = (tonic: number, mode: "major" | "minor"): Set<number> =>
  new Set(SCALE_STEPS[mode].map((s) => (tonic + s) % 12));

/** The best-correlating of the 24 major and minor keys; C major when there are no notes. */
export function estimateKey(notes: readonly PitchedNote[]): Key {
  const h = new Array<number>(12).fill(0);
  for (const n of notes) h[n.pitch % 12] += Math.max(1, n.duration);
  let best: Key = { tonic: 0, mode: "major", scale: scaleOf(0, "major") };
  let bestR = -Infinity;
  for (const mode of ["major", "minor"] as const)
    for (let tonic = 0; tonic < 12; tonic++) {
      const profile = (mode === "major" ? MAJOR_PROFILE : MINOR_PROFILE).map((_, i, p) => p[(i - tonic + 12) % 12]);
      const r = correlation(h, profile);
      if (r > bestR) [bestR, best] = [r, { tonic, mode, scale: scaleOf(tonic, mode) }];
    }
  return best;
}

/**
 * Sharps (positive) or flats (negative) in the key's signature, -6..6: the major key (or a minor
 * key's relative major) a number of fifths from C. Six either way is F# major / D# minor, not Gb / Eb.
 */
export function keyFifths(key: Pick<Key, "tonic" | "mode">): number {
  const major = key.mode === "major" ? key.tonic : (key.tonic + 3) % 12;
  const fifths = (major * 7) % 12;
  return fifths > 6 ? fifths - 12 : fifths;
}
