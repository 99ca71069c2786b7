/** Which contributor's notes sound longest in each bar of the piece as it stands. */
import type { NoteWithId } from "../../lib/doc-schema";
import { ticksPerBar, type Meter } from "../../lib/time";
import type { NoteOrigin } from "./note-origins";
import type { BarShare } from "./report-types";

/** Bars from the first to the last one any note sounds in; each note's ticks are split across the bars it spans. */
export function barShares(notes: readonly NoteWithId[], originOf: (id: string) => NoteOrigin | undefined, meter: Meter): BarShare[] {
  const tpb = ticksPerBar(meter);
  const end = notes.reduce((m, n) => Math.max(m, n.start + n.duration), 0);
  const bars: BarShare[] = Array.from({ length: Math.ceil(end / tpb) }, (_, bar) => ({ bar, ticks: {}, human: 0, ai: 0, dominant: null }));
  for (const n of notes) {
    const origin = originOf(n.id);
    const key = origin?.key ?? "unattributed";
    for (let bar = Math.floor(n.start / tpb); bar * tpb < n.start + n.duration; bar++) {
      const overlap = Math.min(n.start + n.duration, (bar + 1) * tpb) - Math.max(n.start, bar * tpb);
      const b = bars[bar];
      b.ticks[key] = (b.ticks[key] ?? 0) + overlap;
      if (origin?.kind === "human") b.human += overlap;
      if (origin?.kind === "model") b.ai += overlap;
    }
  }
  for (const b of bars) b.dominant = dominantOf(b.ticks);
  return bars;
}

function dominantOf(ticks: Record<string, number>): string | null {
  let best: string | null = null;
  let bestTicks = 0;
  let tied = false;
  for (const [key, t] of Object.entries(ticks)) {
    if (key === "unattributed") continue;
    if (t > bestTicks) [best, bestTicks, tied] = [key, t, false];
    else if (t === bestTicks) tied = true;
  }
  return tied ? null : best;
}
