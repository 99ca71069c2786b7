/** Which chord symbols the row writes out: zoomed out, a bar is too narrow for one each (a row of "CCCC..."). */

/** Narrowest room a written symbol gets. */
const MIN_LABEL_PX = 28;
/** A chord that goes on is written again this far on, so that a long stretch still says what it is. */
const REPEAT_PX = 160;

/** Every slot wide enough writes its symbol; narrower ones only where the chord changes, spaced out, or far on. */
export function shownLabels(boxes: readonly { symbol: string | null; x: number; w: number }[]): boolean[] {
  let lastX = -Infinity;
  let last: string | null = null;
  return boxes.map(({ symbol, x, w }) => {
    const room = x - lastX >= MIN_LABEL_PX;
    const show = symbol !== null && (w >= MIN_LABEL_PX || (room && symbol !== last) || x - lastX >= REPEAT_PX);
    if (symbol !== null) last = symbol;
    if (show) lastX = x;
    return show;
  });
}
