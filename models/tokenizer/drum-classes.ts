/**
 * GM percussion pitches grouped by what they play (kick, snare, hi-hat, ...), for drum style profiles and the style
 * classifier: a groove is a pattern of these parts, whichever exact sound of each a kit uses.
 */
export const DRUM_CLASSES = ["kick", "snare", "closed hat", "open hat", "tom", "ride", "crash", "other"] as const;
export type DrumClass = (typeof DRUM_CLASSES)[number];

const CLASS_OF: Record<number, number> = {
  35: 0, 36: 0,
  37: 1, 38: 1, 39: 1, 40: 1,
  42: 2, 44: 2,
  46: 3,
  41: 4, 43: 4, 45: 4, 47: 4, 48: 4, 50: 4,
  51: 5, 53: 5, 59: 5,
  49: 6, 52: 6, 55: 6, 57: 6,
};

/** The index in DRUM_CLASSES of a GM drum pitch ("other" for anything else). */
export const drumClass = (pitch: number): number => CLASS_OF[pitch] ?? DRUM_CLASSES.length - 1;
