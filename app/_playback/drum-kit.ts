/** General MIDI drum notes -> the kit's samples (public/samples/drums, see CREDITS.txt there). */

export const DRUM_SAMPLES = [
  "kick_hard",
  "kick_soft",
  "heavy_kick",
  "snare_hard",
  "snare_soft",
  "clap",
  "cymbal_closed",
  "cymbal_pedal",
  "cymbal_open",
  "cymbal_hard",
  "cymbal_soft",
  "splash_soft",
  "tom_lo_hard",
  "tom_mid_hard",
  "tom_hi_hard",
  "cowbell",
] as const;
export type DrumSample = (typeof DRUM_SAMPLES)[number];

export interface DrumHit {
  sample: DrumSample;
  /** Semitones to repitch the sample by (toms cover six GM notes with three samples). */
  detune: number;
  gain: number; // 0..1 before velocity
}

/** Soft and hard takes are picked by velocity, like a two-layer sampler. */
const SOFT_BELOW = 0.5;

export function drumHit(pitch: number, velocity: number): DrumHit {
  const hard = velocity >= SOFT_BELOW;
  const hit = (sample: DrumSample, gain = 1, detune = 0): DrumHit => ({ sample, gain, detune });
  switch (pitch) {
    case 35:
      return hit("heavy_kick");
    case 36:
      return hit(hard ? "kick_hard" : "kick_soft");
    case 37: // side stick
      return hit("snare_soft", 0.5, 5);
    case 38:
    case 40:
      return hit(hard ? "snare_hard" : "snare_soft");
    case 39:
      return hit("clap");
    case 41:
      return hit("tom_lo_hard", 1, -2);
    case 43:
      return hit("tom_lo_hard");
    case 45:
      return hit("tom_mid_hard", 1, -1);
    case 47:
      return hit("tom_mid_hard", 1, 1);
    case 48:
      return hit("tom_hi_hard");
    case 50:
      return hit("tom_hi_hard", 1, 2);
    case 42:
      return hit("cymbal_closed", 0.7);
    case 44:
      return hit("cymbal_pedal", 0.7);
    case 46:
      return hit("cymbal_open", 0.7);
    case 49:
    case 57:
      return hit("cymbal_hard", 0.8);
    case 51:
    case 59:
    case 53:
      return hit("cymbal_soft", 0.6);
    case 52:
    case 55:
      return hit("splash_soft", 0.8);
    case 56:
      return hit("cowbell", 0.6);
    default:
      // Percussion the kit lacks (congas, shakers...) plays as a quiet closed hat rather than not at all.
      return hit(pitch < 35 ? "kick_soft" : "cymbal_closed", 0.4);
  }
}

/** The piano's sampled notes: every minor third from A0 to C8 ('#' spelled 's' in file names). */
export function pianoSampleUrls(): Record<string, string> {
  const urls: Record<string, string> = { A0: "A0.mp3", C8: "C8.mp3" };
  for (let octave = 1; octave <= 7; octave++) {
    for (const name of ["C", "D#", "F#", "A"]) urls[`${name}${octave}`] = `${name.replace("#", "s")}${octave}.mp3`;
  }
  return urls;
}
