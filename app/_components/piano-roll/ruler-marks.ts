/**
 * Marks on the bar ruler (review comments, for one): bar ranges with a label and a colour, drawn as a
 * band along the ruler's lower edge. Pure geometry: where each mark lies on screen, and which mark a
 * point is on. The upper part of the ruler stays free for dragging a loop.
 */
import { ticksPerBar, type Meter } from "@/lib/time";
import { tickToX, type Point, type Viewport } from "./geometry";

export interface RulerMark {
  id: string;
  startBar: number; // first bar, 0-based
  endBar: number; // exclusive
  label: string; // drawn on the mark where it fits, so colour is never the only cue
  colour: string;
}

export interface MarkBox {
  mark: RulerMark;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Height of the marks' band at the bottom of the ruler: under the bar numbers, over the bar ticks. */
export const MARK_BAND = 8;

/** The marks in view, clipped to the ruler right of the keys, narrowest last (drawn on top, hit first). */
export function markBoxes(v: Viewport, meter: Meter, marks: readonly RulerMark[]): MarkBox[] {
  const tpb = ticksPerBar(meter);
  const left = v.keysWidth;
  const boxes: MarkBox[] = [];
  for (const mark of marks) {
    if (mark.endBar <= mark.startBar) continue;
    const x0 = Math.max(left, tickToX(v, mark.startBar * tpb));
    const x1 = Math.min(v.width, tickToX(v, mark.endBar * tpb));
    if (x1 <= x0) continue;
    // One pixel apart from a neighbour that starts where this one ends.
    boxes.push({ mark, x: x0, y: v.rulerHeight - MARK_BAND - 1, w: Math.max(2, x1 - x0 - 1), h: MARK_BAND });
  }
  return boxes.sort((a, b) => b.mark.endBar - b.mark.startBar - (a.mark.endBar - a.mark.startBar));
}

/** The mark under a point (the narrowest where marks overlap), or null. */
export function markAt(v: Viewport, meter: Meter, marks: readonly RulerMark[], p: Point): RulerMark | null {
  const boxes = markBoxes(v, meter, marks);
  for (let i = boxes.length - 1; i >= 0; i--) {
    const b = boxes[i];
    if (p.x >= b.x && p.x <= b.x + b.w && p.y >= b.y && p.y <= b.y + b.h) return b.mark;
  }
  return null;
}
