/** What the pointer means over the roll when no gesture runs: its CSS cursor, and what the wheel does to the view. */
import { scrollBy, zoomAt, zoomRowsAt, type Area, type Viewport } from "./geometry";
import type { Tool } from "./gestures/types";
import type { NotePart } from "./hit-test";

export interface PointerAt {
  area: Area;
  onMark: boolean; // over a comment's mark on the ruler
  hit: NotePart | null; // over a note of the selected track, and which part
  tool: Tool;
  editable: boolean;
}

export function pointerCursor(p: PointerAt): string {
  if (p.onMark) return "pointer";
  if (p.area === "lane" || p.area === "ruler") return "col-resize";
  if (p.hit) {
    if (p.tool === "erase" && p.editable) return "not-allowed";
    return p.hit === "end" && p.editable ? "ew-resize" : "grab";
  }
  return p.tool === "draw" && p.editable ? "crosshair" : "default";
}

type Wheel = Pick<WheelEvent, "ctrlKey" | "metaKey" | "altKey" | "shiftKey" | "deltaX" | "deltaY" | "offsetX" | "offsetY">;

/** Wheel: scroll pitches, Shift (or a horizontal swipe) scrolls time, Ctrl/Cmd zooms time, Alt zooms rows. */
export function viewportAfterWheel(v: Viewport, e: Wheel): Viewport {
  const factor = e.deltaY < 0 ? 1.15 : 1 / 1.15;
  if (e.ctrlKey || e.metaKey) return zoomAt(v, e.offsetX, factor);
  if (e.altKey) return zoomRowsAt(v, e.offsetY, factor);
  if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) return scrollBy(v, (e.deltaX || e.deltaY) / v.pxPerTick, 0);
  return scrollBy(v, 0, -Math.sign(e.deltaY) * Math.max(1, Math.round(Math.abs(e.deltaY) / 40)));
}
