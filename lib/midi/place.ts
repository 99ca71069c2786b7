/** Where an imported file's notes land in a piece: at its own times, or with its bar 1 moved to a bar of the piece. */
import { MAX_TICK, type Note } from "../doc-schema";
import { tickOfBar, type Meter } from "../time";

export class PlacementError extends Error {
  override name = "PlacementError";
}

/**
 * The notes shifted so that the file's tick 0 falls on the start of `bar` (0-based) in the piece's meter;
 * the file's own timing inside that stays as it was. Throws a PlacementError when a note would start past
 * the last bar a piece can hold (nothing is shifted then).
 */
export function placeAtBar<T extends Pick<Note, "start">>(notes: readonly T[], bar: number, meter: Meter): T[] {
  const offset = tickOfBar(bar, meter);
  const last = notes.reduce((m, n) => Math.max(m, n.start), 0);
  if (last + offset > MAX_TICK) throw new PlacementError(`placed at bar ${bar + 1}, the file would run past the last bar a piece can hold`);
  return notes.map((n) => ({ ...n, start: n.start + offset }));
}
