/** Which contributor's notes sound longest in each bar of the piece as it stands. */
import type { NoteWithId } from "../../lib/doc-schema";
import { ticksPerBar, type Meter } from "../../lib/time";
import { UNATTRIBUTED, type AuthorKey } from "../../lib/authorship/author-key";
import type { BarShare } from "../../lib/authorship/report-types";
import type { NoteOrigin } from "./note-origins";

/** Bars from the first to the last one any note sounds in; each note's ticks are split across the bars it spans. */
export function barShares(notes: readonly NoteWithId[], originOf: (id: string) => NoteOrigin | undefined, meter: Meter): BarShare[] {
  const tpb = ticksPerBar(meter);
  const end = notes.reduce((m, n) => Math.max(m, n.start + n.duration), 0);
  const bars: BarShare[] = Array.from({ length: Math.ceil(end / tpb) }, (_, bar) => ({ bar, ticks: {}, human: 0, ai: 0, dominant: null }));
  for (const n of notes) {
    const origin = originOf(n.id);
    const key = origin?.key ?? UNATTRIBUTED;
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

function dominantOf(ticks: BarShare["ticks"]): AuthorKey | null {
  let best: AuthorKey | null = null;
  let bestTicks = 0;
  let tied = false;
  for (const [key, t = 0] of Object.entries(ticks)) {
    if (key === UNATTRIBUTED) continue;
    if (t > bestTicks) [best, bestTicks, tied] = [key as AuthorKey, t, false]; // every other key is an author's
    else if (t === bestTicks) tied = true;
  }
  return tied ? null : best;
}
