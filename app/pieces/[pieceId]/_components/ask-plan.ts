/**
 * What asking the AI about the selected bars does, in a musician's words. Bars that hold notes are rewritten;
 * empty bars inside the piece are filled from the music on both sides; bars that reach past the piece's end
 * are written by continuing the piece up to them (the server refuses an infill past the end, and an infill
 * of bars with nothing after them is a continuation anyway). Pure: the Ask the AI bar and its tests use it.
 */
import type { Note } from "@/lib/doc-schema";
import { GENERATION_LIMITS, MAX_REGION_BARS } from "@/lib/generation";
import { inRegion } from "@/lib/region";
import { ticksPerBar, type Meter } from "@/lib/time";
import type { BarRange } from "@/app/_components/piano-roll/gestures/types";

export type AskPlan =
  | { mode: "infill"; label: string; explain: string }
  | { mode: "continue"; bars: number; label: string; explain: string }
  | { mode: null; error: string };

export interface AskScope {
  range: BarRange; // 0-based, end exclusive
  pitchLo: number;
  pitchHi: number;
  trackIds: readonly string[];
}

/** Bars as people count them: "bar 3", "bars 3–4". */
export const barsLabel = (startBar: number, endBar: number): string =>
  endBar - startBar === 1 ? `bar ${startBar + 1}` : `bars ${startBar + 1}–${endBar}`;

/** The bars that hold music: up to the bar the last note ends in (0 for an empty piece). */
export const musicBars = (lastTick: number, meter: Meter): number => Math.ceil(lastTick / ticksPerBar(meter));

/** The one action the selected bars call for (the Ask the AI bar's first button). */
export function primaryAsk(scope: AskScope, notes: readonly Note[], lastTick: number, meter: Meter): AskPlan {
  const { startBar, endBar } = scope.range;
  const length = endBar - startBar;
  const end = musicBars(lastTick, meter);
  if (endBar > Math.max(1, end)) {
    const bars = endBar - end;
    if (bars > GENERATION_LIMITS.continueBars.max) {
      return { mode: null, error: `The piece ends at bar ${end}: the AI can continue it by at most ${GENERATION_LIMITS.continueBars.max} bars at once, to bar ${end + GENERATION_LIMITS.continueBars.max}. Select bars closer to the end.` };
    }
    if (end === 0) {
      return { mode: "continue", bars, label: `Write ${barsLabel(0, endBar)}`, explain: `The piece is empty: the AI writes ${barsLabel(0, endBar)} from scratch.` };
    }
    const kept = startBar < end ? ` ${capital(barsLabel(startBar, end))} ${end - startBar === 1 ? "stays" : "stay"} as ${end - startBar === 1 ? "it is" : "they are"}.` : "";
    return {
      mode: "continue",
      bars,
      label: `Continue to bar ${endBar}`,
      explain: `The piece ends at bar ${end}: the AI continues it with ${barsLabel(end, endBar)}.${kept}`,
    };
  }
  if (length > MAX_REGION_BARS) return { mode: null, error: `The AI writes at most ${MAX_REGION_BARS} bars at once; ${length} are selected. Select fewer bars.` };
  const region = { ...scope.range, pitchLo: scope.pitchLo, pitchHi: scope.pitchHi, trackIds: [...scope.trackIds] };
  const has = notes.some((n) => inRegion(n, region, meter));
  const what = barsLabel(startBar, endBar);
  return has
    ? { mode: "infill", label: `Rewrite ${what}`, explain: `The AI writes new versions of ${what} in place of ${length === 1 ? "its" : "their"} notes, fitting what comes before and after.` }
    : { mode: "infill", label: `Fill ${what}`, explain: `${capital(what)} ${length === 1 ? "is empty: the AI fills it" : "are empty: the AI fills them"}, fitting what comes before and after.` };
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
