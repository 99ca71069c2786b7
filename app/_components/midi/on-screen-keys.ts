/** The on-screen keyboard's keys: two octaves from a C, white keys in a row and the black ones between them. */
import { pitchName } from "@/app/_components/piano-roll/geometry";

export interface ScreenKey {
  pitch: number;
  name: string;
  black: boolean;
  /** White keys before this one: a white key's place in the row, or the white key a black key sits after. */
  whiteBefore: number;
}

const BLACK = new Set([1, 3, 6, 8, 10]);

/** The keys from the C of `octave` (C4 = 60) up to the C two octaves above, within MIDI's 0-127. */
export function screenKeys(octave: number, octaves = 2): ScreenKey[] {
  const low = 12 * (octave + 1);
  const keys: ScreenKey[] = [];
  let whites = 0;
  for (let pitch = Math.max(0, low); pitch <= Math.min(127, low + 12 * octaves); pitch++) {
    const black = BLACK.has(pitch % 12);
    keys.push({ pitch, name: pitchName(pitch).replace("#", "♯"), black, whiteBefore: black ? whites - 1 : whites });
    if (!black) whites++;
  }
  return keys;
}
