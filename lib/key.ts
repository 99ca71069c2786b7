/**
 * Key of a passage from its pitch-class distribution (Krumhansl-Kessler profiles, duration-weighted),
 * and the key signature that goes with it. The model evaluation and the MusicXML export both use it.
 * A piece's own key (set by its editors, in the shared document) may be in any of the seven modes.
 */

const MAJOR_PROFILE = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
const MINOR_PROFILE = [6.33, 2.68, 3.52, 5.38, 2.6, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];
/** The modes a piece's key may be in, brightest first after the two common ones (minor: natural minor, aeolian). */
export const MODES = ["major", "minor", "dorian", "phrygian", "lydian", "mixolydian", "locrian"] as const;
export type Mode = (typeof MODES)[number];

/** Where each mode's tonic lies above the major scale it shares its notes with (dorian is the major scale from its 2nd). */
const MODE_DEGREE: Record<Mode, number> = { major: 0, dorian: 2, phrygian: 4, lydian: 5, mixolydian: 7, minor: 9, locrian: 11 };
const MAJOR_STEPS = [0, 2, 4, 5, 7, 9, 11];

/** Pitch classes of each mode's scale above its tonic. */
export const SCALE_STEPS: Record<Mode, readonly number[]> = Object.fromEntries(
  MODES.map((mode): [Mode, readonly number[]] => [mode, MAJOR_STEPS.map((s) => (s - MODE_DEGREE[mode] + 12) % 12).sort((a, b) => a - b)]),
) as Record<Mode, readonly number[]>;

/** A piece's key as its editors set it: a tonic pitch class (0 = C) and a mode. */
export interface PieceKey {
  tonic: number;
  mode: Mode;
}

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

export const scaleOf = (tonic: number, mode: Mode): Set<number> =>
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
 * Sharps (positive) or flats (negative) in the key's signature, -6..6: the major key (or a mode's
 * relative major) a number of fifths from C. Six either way is F# major / D# minor, not Gb / Eb.
 */
export function keyFifths(key: PieceKey): number {
  const major = (key.tonic - MODE_DEGREE[key.mode] + 12) % 12;
  const fifths = (major * 7) % 12;
  return fifths > 6 ? fifths - 12 : fifths;
}

const SHARP_NAMES = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];
const FLAT_NAMES = ["C", "Db", "D", "Eb", "E", "F", "Gb", "G", "Ab", "A", "Bb", "B"];
/** Without a key: the spellings lead sheets use most (Eb and Bb, but F# and C#). */
const COMMON_NAMES = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"];

/** A pitch class's letter name: with flats in a flat key, sharps in a sharp key, the common spelling otherwise. */
export function pitchClassName(pc: number, fifths: number | null = null): string {
  const names = fifths === null || fifths === 0 ? COMMON_NAMES : fifths < 0 ? FLAT_NAMES : SHARP_NAMES;
  return names[((pc % 12) + 12) % 12];
}

/** "D major", "F# minor", "Bb dorian": the tonic spelt by the key's own signature. */
export function pieceKeyName(key: PieceKey): string {
  return `${pitchClassName(key.tonic, keyFifths(key))} ${key.mode}`;
}

const LETTERS = ["C", "D", "E", "F", "G", "A", "B"];
const NATURAL = [0, 2, 4, 5, 7, 9, 11];

/** The key's scale as written: one letter a degree from the tonic's, with the sharps or flats that make its notes (F# major: ... E#). */
export function scaleNoteNames(key: PieceKey): string[] {
  const first = LETTERS.indexOf(pitchClassName(key.tonic, keyFifths(key))[0]);
  return SCALE_STEPS[key.mode].map((step, i) => {
    const letter = (first + i) % 7;
    const alter = ((((key.tonic + step - NATURAL[letter]) % 12) + 18) % 12) - 6; // -6..5, in practice -2..2
    return LETTERS[letter] + (alter > 0 ? "#".repeat(alter) : "b".repeat(-alter));
  });
}
