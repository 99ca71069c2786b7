/** Pure helpers behind the roll's keyboard: where the L key's loop and a paste go, and how the keyboard cursor is announced. */
import type { NoteWithId } from "@/lib/doc-schema";
import { ticksPerBar, type Meter } from "@/lib/time";
import type { KeyCursor } from "./edit-actions";
import { pitchName } from "./geometry";
import type { LoopRegion } from "./gestures/types";

/** Whole bars around the selected notes; else the region's bars; else the bar at the paste point. */
export function loopFromSelection(
  notes: readonly NoteWithId[],
  selection: ReadonlySet<string>,
  meter: Meter,
  region: { startBar: number; endBar: number } | null,
  pasteTick: number,
): LoopRegion {
  const tpb = ticksPerBar(meter);
  const picked = notes.filter((n) => selection.has(n.id));
  if (picked.length > 0) {
    const start = Math.floor(Math.min(...picked.map((n) => n.start)) / tpb) * tpb;
    const end = Math.ceil(Math.max(...picked.map((n) => n.start + n.duration)) / tpb) * tpb;
    return { startTick: start, endTick: Math.max(end, start + tpb) };
  }
  if (region) return { startTick: region.startBar * tpb, endTick: region.endBar * tpb };
  return { startTick: pasteTick, endTick: pasteTick + tpb };
}

/** The bar (0-based) where the selected notes start, or null when none of them is among the notes. */
export function startBarOf(notes: readonly NoteWithId[], selection: ReadonlySet<string>, meter: Meter): number | null {
  let start = Infinity;
  for (const n of notes) if (selection.has(n.id) && n.start < start) start = n.start; // select-all picks thousands: one pass
  return start === Infinity ? null : Math.floor(start / ticksPerBar(meter));
}

/**
 * Where a paste lands: the start of the playhead's bar while playing, else of the keyboard cursor's.
 * A clip keeps its notes' places in their bar (clipboard.ts), so the paste point is a bar line:
 * the raw playhead would put the phrase off the beat by wherever the playhead happened to be.
 */
export function pastePoint(playhead: number | null, cursorTick: number, meter: Meter): number {
  const tpb = ticksPerBar(meter);
  return Math.floor((playhead ?? cursorTick) / tpb) * tpb;
}

/** "C4, bar 3 beat 2" */
export function describeCursor(c: KeyCursor, meter: Meter): string {
  const tpb = ticksPerBar(meter);
  const beatTicks = tpb / meter.beatsPerBar;
  return `${pitchName(c.pitch)}, bar ${Math.floor(c.tick / tpb) + 1} beat ${Math.floor((c.tick % tpb) / beatTicks) + 1}`;
}
