/** Which bars the model sees: the region plus context bars around it, cut to fit the model's length. Pure. */
import { MAX_WINDOW_BARS } from "../../models/tokenizer";
import { InferenceInputError } from "./errors";

export interface WindowInput {
  startBar: number; // region, document bars
  endBar: number;
  barsBefore: number; // context bars available before the region
  barsAfter: number; // ... and after it (0 for a continuation)
  maxSeqLen: number;
  maxBars?: number; // longest window, in bars (default the tokenizer's 32)
  budget: number; // tokens kept free for the region's notes
  /** The prompt for window [fromBar, fromBar + bars) of the document. */
  encode(fromBar: number, bars: number): number[];
}

export interface WindowPlan {
  fromBar: number;
  bars: number;
  prompt: number[];
}

/**
 * Grows the window one bar at a time on the side with fewer bars (before first) up to `maxBars` bars, then, while the
 * prompt plus the budget is too long, drops the bar farthest from the region.
 */
export function planWindow(w: WindowInput): WindowPlan {
  const n = w.endBar - w.startBar;
  const room = Math.min(w.maxBars ?? MAX_WINDOW_BARS, MAX_WINDOW_BARS) - n;
  let before = 0;
  let after = 0;
  while (before + after < room && (before < w.barsBefore || after < w.barsAfter)) {
    if (before < w.barsBefore && (before <= after || after >= w.barsAfter)) before++;
    else after++;
  }
  for (;;) {
    const prompt = w.encode(w.startBar - before, before + n + after);
    if (prompt.length + w.budget <= w.maxSeqLen) return { fromBar: w.startBar - before, bars: before + n + after, prompt };
    if (before === 0 && after === 0)
      throw new InferenceInputError(
        `the region's bars alone need ${prompt.length} prompt tokens; with ${w.budget} for the region that is over the model's ${w.maxSeqLen}`,
      );
    if (before > after) before--;
    else after--;
  }
}

/** Tokens to keep free for the region: BAR + TRACK tokens + 3 a note, at the expected density, at most half the model. */
export function regionBudget(o: { bars: number; tracks: number; notesPerBarPerTrack: number; maxSeqLen: number }): number {
  const want = o.bars * (1 + o.tracks + 3 * o.tracks * o.notesPerBarPerTrack) + 1;
  const floor = o.bars * (1 + o.tracks) + 8;
  return Math.max(floor, Math.min(want, Math.floor(o.maxSeqLen / 2)));
}
