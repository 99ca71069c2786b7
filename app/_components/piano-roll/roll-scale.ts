/** The piece's key as the roll shows it: the rows of its scale tinted, its tonic's rows marked. Pure. */
import { scaleOf, type PieceKey } from "@/lib/key";

export interface RollScale {
  tonic: number; // pitch class
  pitchClasses: ReadonlySet<number>;
}

export const rollScale = (key: PieceKey | undefined): RollScale | null => (key ? { tonic: key.tonic, pitchClasses: scaleOf(key.tonic, key.mode) } : null);

export type RowShade = "tonic" | "scale" | "outside" | "plain";

/** How a pitch's row is shaded: by the scale where there is one, else by the piano's black keys ("outside" too). */
export function rowShade(pitch: number, scale: RollScale | null, blackKey: boolean): RowShade {
  const pc = pitch % 12;
  if (!scale) return blackKey ? "outside" : "plain";
  if (pc === scale.tonic) return "tonic";
  return scale.pitchClasses.has(pc) ? "scale" : "outside";
}
