/** Pitches as musicians name them (C4 is middle C, MIDI 60), read from what a person types. Pure. */
import { MAX_PITCH, MIN_PITCH, pitchName } from "@/app/_components/piano-roll/geometry";

export { pitchName };

const LETTERS: Record<string, number> = { c: 0, d: 2, e: 4, f: 5, g: 7, a: 9, b: 11 };
const ACCIDENTALS: Record<string, number> = { "": 0, "#": 1, "♯": 1, b: -1, "♭": -1 };

/** "C4", "f#5", "Bb3", "E♭2", "C-1": the pitch, or why the text is not one. */
export function readNoteName(text: string): { pitch: number } | { error: string } {
  const t = text.trim();
  const m = /^([a-gA-G])([#♯b♭]?)(-?\d{1,2})$/.exec(t);
  if (!m) {
    return { error: `“${t}” is not a note name: type a letter A to G, then # or b if it has one, then the octave, such as C4 or F#5` };
  }
  const pitch = 12 * (Number(m[3]) + 1) + LETTERS[m[1].toLowerCase()] + ACCIDENTALS[m[2]];
  if (pitch < MIN_PITCH) return { error: `${t} is below the lowest note, ${pitchName(MIN_PITCH)}` };
  if (pitch > MAX_PITCH) return { error: `${t} is above the highest note, ${pitchName(MAX_PITCH)}` };
  return { pitch };
}
