/**
 * Pitches spelt in a key for a score: the key's own notes by its signature (Eb, not D#, in Bb major),
 * a minor key's raised sixth and seventh as sharpened degrees (C# in D minor), other notes with sharps
 * in sharp keys and flats in flat keys. Accidentals are shown where a note differs from the signature
 * or from an earlier accidental on that line or space in the same bar.
 */
import type { Key } from "../../../lib/key";
import type { ChordSegment } from "./score-layout";

export interface Spelling {
  step: string;
  alter: number;
  octave: number;
}

const STEPS = ["C", "D", "E", "F", "G", "A", "B"];
const NATURAL: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };
const SHARP_ORDER = "FCGDAEB";
const SHARPS = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];
const FLATS = ["C", "Db", "D", "Eb", "E", "F", "Gb", "G", "Ab", "A", "Bb", "B"];
const ACCIDENTAL: Record<number, string> = { [-2]: "flat-flat", [-1]: "flat", 0: "natural", 1: "sharp", 2: "double-sharp" };

/** The alteration a key signature of `fifths` gives a step: +1 for the first `fifths` of F C G D A E B, -1 for flats. */
export function signatureAlter(fifths: number, step: string): number {
  const i = SHARP_ORDER.indexOf(step);
  if (fifths > 0) return i < fifths ? 1 : 0;
  if (fifths < 0) return 6 - i < -fifths ? -1 : 0;
  return 0;
}

/** The spelling of each pitch class in a key (tonic and mode) whose signature has `fifths`. */
export function keySpeller(key: Pick<Key, "tonic" | "mode">, fifths: number): (pitch: number) => Spelling {
  const table: ({ step: string; alter: number } | undefined)[] = new Array(12);
  for (const step of STEPS) {
    const alter = signatureAlter(fifths, step);
    table[(NATURAL[step] + alter + 12) % 12] = { step, alter };
  }
  if (key.mode === "minor") {
    const tonicStep = STEPS.indexOf(table[key.tonic]!.step);
    for (const degree of [6, 5]) {
      const natural = table[(key.tonic + (degree === 6 ? 10 : 8)) % 12]!;
      table[(key.tonic + (degree === 6 ? 11 : 9)) % 12] ??= { step: STEPS[(tonicStep + degree) % 7], alter: natural.alter + 1 };
    }
  }
  const chromatic = fifths < 0 ? FLATS : SHARPS;
  for (let pc = 0; pc < 12; pc++) {
    const name = chromatic[pc];
    table[pc] ??= { step: name[0], alter: name.length === 1 ? 0 : name[1] === "#" ? 1 : -1 };
  }
  return (pitch) => {
    const { step, alter } = table[pitch % 12]!;
    return { step, alter, octave: Math.floor((pitch - alter) / 12) - 1 };
  };
}

/**
 * The accidental each note of a bar shows, by `${noteId}@${segmentStart}`: the bar's segments of every
 * voice taken in time order, as a reader meets them. A note tied in from the bar before shows none.
 */
export function barAccidentals(segs: readonly ChordSegment[], fifths: number, spell: (pitch: number) => Spelling): Map<string, string> {
  const shown = new Map<string, string>();
  const current = new Map<string, number>();
  const ordered = [...segs].sort((a, b) => a.start - b.start);
  for (const seg of ordered) {
    if (seg.tiedFrom) continue;
    for (const n of seg.notes) {
      const s = spell(n.pitch);
      const line = `${s.step}${s.octave}`;
      if ((current.get(line) ?? signatureAlter(fifths, s.step)) === s.alter) continue;
      current.set(line, s.alter);
      shown.set(`${n.id}@${seg.start}`, ACCIDENTAL[s.alter]);
    }
  }
  return shown;
}
