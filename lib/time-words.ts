/** Times and lengths as musicians say them: "bar 3 beat 2", "1/16", "dotted 1/8", "1 bar + 1/4", never ticks. Pure. */
import { noteValues, type NoteValue } from "./note-values";
import { countOf } from "./plural";
import { barBeatOf, ticksPerBar, type Meter } from "./time";

const FRACTION: Record<string, string> = {
  breve: "2/1", whole: "1/1", half: "1/2", quarter: "1/4", eighth: "1/8", "16th": "1/16", "32nd": "1/32", "64th": "1/64", "128th": "1/128",
};

function valueWords(v: NoteValue): string {
  if (v.type === undefined) return countOf(v.ticks, "tick"); // off every grid (snapping was off)
  const fraction = FRACTION[v.type];
  return v.dots ? `dotted ${fraction}` : v.triplet ? `${fraction} triplet` : fraction;
}

/** A length: whole bars of the meter, then written note values ("1 bar", "1/16", "2 bars + dotted 1/4"). */
export function lengthWords(ticks: number, meter: Meter): string {
  const tpb = ticksPerBar(meter);
  const bars = Math.floor(ticks / tpb);
  const parts = noteValues(ticks - bars * tpb).map(valueWords);
  if (bars > 0) parts.unshift(countOf(bars, "bar"));
  return parts.join(" + ") || "0";
}

/** A moment: "bar 3 beat 1", or "bar 3 beat 2 + 1/16" between beats. */
export function positionWords(tick: number, meter: Meter): string {
  const { bar, beat, after } = barBeatOf(tick, meter);
  return `bar ${bar} beat ${beat}${after > 0 ? ` + ${lengthWords(after, meter)}` : ""}`;
}
