/** The comments panel's bar filter: whether a comment touches a range of bars. */

/** Bars as people number them: 1-based, both ends included. */
export interface BarRange {
  from: number;
  to: number;
}

/** Whether a comment's bars [startBar, endBar) (0-based, end excluded) overlap the range; true when there is none. */
export const touchesBars = (c: { startBar: number; endBar: number }, range: BarRange | null): boolean =>
  !range || (c.startBar < range.to && c.endBar > range.from - 1);

/** A comment's bars as a range (to show the comments next to one picked on the ruler). */
export const barsOf = (c: { startBar: number; endBar: number }): BarRange => ({ from: c.startBar + 1, to: c.endBar });

export const describeBars = (r: BarRange): string => (r.from === r.to ? `bar ${r.from}` : `bars ${r.from}–${r.to}`);
