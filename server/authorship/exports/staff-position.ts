/** Spelling pitches on a staff: where a General MIDI drum sits on a percussion staff (the usual drum-set chart), and which get an x notehead. */
const POSITION: Record<number, [string, number]> = {
  35: ["E", 4], 36: ["F", 4], 37: ["C", 5], 38: ["C", 5], 39: ["C", 5], 40: ["C", 5],
  41: ["A", 4], 42: ["G", 5], 43: ["A", 4], 44: ["D", 4], 45: ["B", 4], 46: ["G", 5],
  47: ["D", 5], 48: ["E", 5], 49: ["A", 5], 50: ["E", 5], 51: ["F", 5], 52: ["A", 5],
  53: ["F", 5], 55: ["A", 5], 56: ["E", 5], 57: ["A", 5], 59: ["F", 5],
};
const CYMBALS = new Set([42, 44, 46, 49, 51, 52, 53, 55, 57, 59]);

export function drumDisplay(pitch: number): { step: string; octave: number; notehead?: "x" } {
  const spelt = spellPitch(pitch);
  const [step, octave] = POSITION[pitch] ?? [spelt.step, spelt.octave];
  return CYMBALS.has(pitch) ? { step, octave, notehead: "x" } : { step, octave };
}

const SHARP_STEPS: [string, number][] = [
  ["C", 0], ["C", 1], ["D", 0], ["D", 1], ["E", 0], ["F", 0], ["F", 1], ["G", 0], ["G", 1], ["A", 0], ["A", 1], ["B", 0],
];

/** A MIDI pitch spelt with sharps: step, alter and octave (60 = C4). */
export function spellPitch(pitch: number): { step: string; alter: number; octave: number } {
  const [step, alter] = SHARP_STEPS[pitch % 12];
  return { step, alter, octave: Math.floor(pitch / 12) - 1 };
}
