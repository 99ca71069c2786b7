/** Pointer-down on the grid: picks the gesture from the tool, the modifiers and what is hit. */
import { areaAt, type Point } from "../geometry";
import { hitNote } from "../hit-test";
import { startAddNote } from "./add-note";
import { startMarqueeSelect } from "./marquee-select";
import { startMoveNotes } from "./move-notes";
import { startRegionSelect } from "./region-select";
import { startResizeNotes } from "./resize-notes";
import type { GestureEnv, GestureStart, Modifiers, Tool } from "./types";

export function startGesture(env: GestureEnv, p: Point, mods: Modifiers, tool: Tool): GestureStart | null {
  const area = areaAt(env.viewport, p);
  if (tool === "region") return area === "grid" || area === "ruler" ? startRegionSelect(env, p) : null;
  if (area !== "grid") return null;
  const hit = hitNote(env.viewport, env.notes, p);
  if (hit && hit.part === "end" && !env.readOnly) return startResizeNotes(env, p, hit.note);
  if (hit) return startMoveNotes(env, p, hit.note, mods);
  if (tool === "select" || mods.shift || mods.alt || env.readOnly) return startMarqueeSelect(env, p, mods);
  return startAddNote(env, p);
}
