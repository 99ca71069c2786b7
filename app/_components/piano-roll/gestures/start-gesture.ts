/** Pointer-down: picks the gesture from the tool, the area, the modifiers and what is hit. */
import { areaAt, type Point } from "../geometry";
import { hitNote } from "../hit-test";
import { startAddNote } from "./add-note";
import { startEraseNotes } from "./erase-notes";
import { startLoopSelect } from "./loop-select";
import { startMarqueeSelect } from "./marquee-select";
import { startMoveNotes } from "./move-notes";
import { startRegionSelect } from "./region-select";
import { startResizeNotes } from "./resize-notes";
import { startVelocityDrag } from "./velocity-drag";
import type { GestureEnv, GestureStart, Modifiers, Tool } from "./types";

/** A click that only clears the selection. */
const DESELECT: GestureStart = {
  selection: new Set(),
  gesture: { move() {}, preview: () => ({ kind: "none" }), end: () => ({}) },
};

export function startGesture(env: GestureEnv, p: Point, mods: Modifiers, tool: Tool): GestureStart | null {
  const area = areaAt(env.viewport, p);
  if (tool === "region") return area === "grid" || area === "ruler" ? startRegionSelect(env, p) : null;
  if (area === "ruler") return startLoopSelect(env, p);
  if (area === "lane") return startVelocityDrag(env, p);
  if (area !== "grid") return null;
  if (tool === "erase" && !mods.shift && !env.readOnly) return startEraseNotes(env, p);
  const hit = hitNote(env.viewport, env.notes, p);
  if (hit && hit.part === "end" && !env.readOnly) return startResizeNotes(env, p, hit.note);
  if (hit) return startMoveNotes(env, p, hit.note, mods);
  if (tool === "select" || tool === "erase" || mods.shift || mods.alt || env.readOnly) return startMarqueeSelect(env, p, mods);
  // Notes picked by hand are let go first: the click that means "deselect" must not also add a note.
  if (env.selection.size > 0 && !env.selectionDrawn) return DESELECT;
  return startAddNote(env, p);
}
