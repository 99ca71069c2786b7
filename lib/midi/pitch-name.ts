/** Scientific pitch names: C4 is MIDI 60 (middle C), C-1 is 0, G9 is 127; sharps '#', flats 'b'. */
const STEPS: Record<string, number> = { c: 0, d: 2, e: 4, f: 5, g: 7, a: 9, b: 11 };
const NAMES = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];

export const PITCH_NAME_PATTERN = /^([A-Ga-g])([#b]?)(-?\d+)$/;

/** A pitch name or a MIDI number ("60") to the MIDI number; null when it is neither or outside 0..127. */
export function parsePitchName(text: string): number | null {
  const trimmed = text.trim();
  let pitch: number;
  if (/^\d+$/.test(trimmed)) pitch = Number(trimmed);
  else {
    const m = PITCH_NAME_PATTERN.exec(trimmed);
    if (!m) return null;
    const accidental = m[2] === "#" ? 1 : m[2] === "b" ? -1 : 0;
    pitch = (Number(m[3]) + 1) * 12 + STEPS[m[1].toLowerCase()] + accidental;
  }
  return pitch >= 0 && pitch <= 127 ? pitch : null;
}

export const pitchName = (pitch: number): string => `${NAMES[pitch % 12]}${Math.floor(pitch / 12) - 1}`;
