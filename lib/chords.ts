/**
 * Chord symbols: what a set of sounding notes is (template matching on duration-weighted pitch classes, the
 * lowest note giving inversions as slash chords), how a symbol is written (C, Am7, G/B, F#dim), and reading one
 * that a person types. Pure.
 */
import { pitchClassName } from "./key";

export interface ChordQuality {
  /** What follows the root in a symbol: "" (major), "m", "7", "m7b5"... */
  suffix: string;
  /** Pitch classes above the root. */
  tones: readonly number[];
  /** Tones a voicing may leave out without being another chord (the fifth of a seventh chord). */
  optional?: readonly number[];
}

/** Most common first: on a tie the earlier (simpler) reading wins. */
export const CHORD_QUALITIES: readonly ChordQuality[] = [
  { suffix: "", tones: [0, 4, 7] },
  { suffix: "m", tones: [0, 3, 7] },
  { suffix: "7", tones: [0, 4, 7, 10], optional: [7] },
  { suffix: "m7", tones: [0, 3, 7, 10], optional: [7] },
  { suffix: "maj7", tones: [0, 4, 7, 11], optional: [7] },
  { suffix: "dim", tones: [0, 3, 6] },
  { suffix: "m7b5", tones: [0, 3, 6, 10] },
  { suffix: "dim7", tones: [0, 3, 6, 9] },
  { suffix: "aug", tones: [0, 4, 8] },
  { suffix: "sus4", tones: [0, 5, 7] },
  { suffix: "sus2", tones: [0, 2, 7] },
  { suffix: "6", tones: [0, 4, 7, 9] },
  { suffix: "m6", tones: [0, 3, 7, 9] },
  { suffix: "mMaj7", tones: [0, 3, 7, 11], optional: [7] },
  { suffix: "add9", tones: [0, 2, 4, 7] },
  { suffix: "5", tones: [0, 7] },
];

/** Other ways people type a quality, read as the suffix above. */
const SUFFIX_ALIASES: Record<string, string> = {
  maj: "", M: "", min: "m", "-": "m", mi: "m", dom7: "7", M7: "maj7", Δ: "maj7", Δ7: "maj7", ma7: "maj7", min7: "m7", "-7": "m7",
  mi7: "m7", ø: "m7b5", ø7: "m7b5", "m7(b5)": "m7b5", "°": "dim", o: "dim", "°7": "dim7", o7: "dim7", "+": "aug", sus: "sus4",
  min6: "m6", "-6": "m6", mM7: "mMaj7", "m(maj7)": "mMaj7", "(add9)": "add9", add2: "add9",
};

export interface Chord {
  root: number; // pitch class
  quality: ChordQuality;
  /** The bass pitch class when it is not the root (an inversion, written after a slash). */
  bass: number | null;
}

/** The symbol of a chord, its notes spelt by a key signature of `fifths` (or the common spelling without one). */
export function chordSymbol(c: Chord, fifths: number | null = null): string {
  const bass = c.bass === null || c.bass === c.root ? "" : `/${pitchClassName(c.bass, fifths)}`;
  return `${pitchClassName(c.root, fifths)}${c.quality.suffix}${bass}`;
}

/** Written in place of a chord where the music has none. */
export const NO_CHORD = "N.C.";
export const MAX_CHORD_SYMBOL_LENGTH = 16;

const LETTER: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };
const ACCIDENTAL: Record<string, number> = { "": 0, "#": 1, "♯": 1, b: -1, "♭": -1 };
const NOTE = "([A-Ga-g])([#♯b♭]?)";
const SYMBOL = new RegExp(`^${NOTE}([^/]*)(?:/${NOTE})?$`);

const pcOf = (letter: string, accidental: string) => (LETTER[letter.toUpperCase()] + ACCIDENTAL[accidental] + 12) % 12;

/**
 * A typed symbol as a chord ("Am7", "G/B", "Bbmaj7", "F#°", "C-7"), NO_CHORD for "N.C." (or "NC"), or why it is
 * not one. The symbol is kept as typed where it reads as a chord; `normal` is how Tandem writes it.
 */
export function readChordSymbol(text: string): { chord: Chord | null; normal: string } | { error: string } {
  const t = text.trim();
  if (/^n\.?c\.?$/i.test(t)) return { chord: null, normal: NO_CHORD };
  if (t.length > MAX_CHORD_SYMBOL_LENGTH) return { error: `A chord symbol is at most ${MAX_CHORD_SYMBOL_LENGTH} characters` };
  const m = SYMBOL.exec(t);
  const suffix = m ? (SUFFIX_ALIASES[m[3]] ?? m[3]) : null;
  const quality = CHORD_QUALITIES.find((q) => q.suffix === suffix);
  if (!m || !quality) {
    return { error: `“${t}” is not a chord symbol: type a root (A to G, then # or b), a kind (m, 7, m7, maj7, dim, aug, sus4...) and, for an inversion, /bass, such as Am7 or G/B` };
  }
  const root = pcOf(m[1], m[2]);
  const bass = m[4] ? pcOf(m[4], m[5]) : null;
  const chord = { root, quality, bass: bass === root ? null : bass };
  // The root's spelling is the person's (Db stays Db); the rest is Tandem's.
  const name = (letter: string, acc: string) => `${letter.toUpperCase()}${ACCIDENTAL[acc] > 0 ? "#" : ACCIDENTAL[acc] < 0 ? "b" : ""}`;
  return { chord, normal: `${name(m[1], m[2])}${quality.suffix}${m[4] && chord.bass !== null ? `/${name(m[4], m[5])}` : ""}` };
}

/** Pitch-class weights of the notes sounding in a span, and the lowest note that sounds for a good part of it. */
export interface Sounding {
  weights: readonly number[]; // 12, summed durations
  bass: number | null; // pitch class
}

/** What counts as a tone that is there: a share of the span's total weight. */
const PRESENT = 0.04;
const MISSING_PENALTY = 0.18;
const OPTIONAL_MISSING_PENALTY = 0.04;
const TONE_COST = 0.02; // simpler chords first when the notes fit both
const ROOT_IN_BASS = 0.12;
const BASS_OUTSIDE = 0.08;

/**
 * Each quality's tones over each root as a 12-bit mask, worked out once: detection runs for every bar and half bar of
 * a piece as it opens, and a Set per reading made that a tenth of a second for a long piece.
 */
const TONE_MASKS = CHORD_QUALITIES.map((q) => Array.from({ length: 12 }, (_, root) => q.tones.reduce((m, t) => m | (1 << ((root + t) % 12)), 0)));

const inMask = (mask: number, pc: number): boolean => ((mask >> pc) & 1) === 1;

/**
 * The chord the notes best make, or null with fewer than two pitch classes sounding (a lone melody note is no
 * chord). Each reading scores the weight of its tones, less the weight of other notes, less a penalty for each of
 * its tones that is missing; the root in the bass counts for it.
 */
export function detectChord(s: Sounding): Chord | null {
  const total = s.weights.reduce((a, b) => a + b, 0);
  if (total <= 0) return null;
  const w = s.weights.map((x) => x / total);
  if (w.filter((x) => x >= PRESENT).length < 2) return null;
  let best: Chord | null = null;
  let bestScore = -Infinity;
  CHORD_QUALITIES.forEach((quality, q) => {
    for (let root = 0; root < 12; root++) {
      const tones = TONE_MASKS[q][root];
      let score = 0;
      for (let pc = 0; pc < 12; pc++) score += inMask(tones, pc) ? w[pc] : -w[pc];
      for (const t of quality.tones) {
        if (w[(root + t) % 12] >= PRESENT) continue;
        score -= quality.optional?.includes(t) ? OPTIONAL_MISSING_PENALTY : MISSING_PENALTY;
      }
      score -= TONE_COST * quality.tones.length;
      if (s.bass !== null) score += s.bass === root ? ROOT_IN_BASS : inMask(tones, s.bass) ? 0 : -BASS_OUTSIDE;
      if (score > bestScore + 1e-9) {
        bestScore = score;
        best = { root, quality, bass: s.bass !== null && s.bass !== root && inMask(tones, s.bass) ? s.bass : null };
      }
    }
  });
  return best;
}
