/** Where spans of time (chord slots, say) lie over the roll's grid: in view, clipped right of the keys. Pure. */
import { tickToX, visibleTicks, type Viewport } from "./geometry";

export interface SpanBox<T> {
  span: T;
  x: number;
  w: number;
}

/** The spans in view, in time order (`spans` must be in time order and not overlap). */
export function spanBoxes<T extends { start: number; end: number }>(v: Viewport, spans: readonly T[]): SpanBox<T>[] {
  const { from, to } = visibleTicks(v);
  // The first span that ends after the left edge.
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end <= from) lo = mid + 1;
    else hi = mid;
  }
  const boxes: SpanBox<T>[] = [];
  for (let i = lo; i < spans.length && spans[i].start < to; i++) {
    const x0 = Math.max(v.keysWidth, tickToX(v, spans[i].start));
    const x1 = Math.min(v.width, tickToX(v, spans[i].end));
    if (x1 > x0) boxes.push({ span: spans[i], x: x0, w: x1 - x0 });
  }
  return boxes;
}
