/** Drag on empty grid with the select tool (or Shift): selects the notes the rectangle touches. */
import { normalizeRect, type Point } from "../geometry";
import { notesInRect } from "../hit-test";
import type { GestureEnv, GestureStart, Modifiers, Preview } from "./types";

export function startMarqueeSelect(env: GestureEnv, p: Point, mods: Modifiers): GestureStart {
  const base = mods.shift ? new Set(env.selection) : new Set<string>();
  let last = p;
  return {
    selection: base,
    gesture: {
      move(q) {
        last = q;
      },
      preview(): Preview {
        return { kind: "marquee", rect: normalizeRect(p, last) };
      },
      end(q) {
        const picked = notesInRect(env.viewport, env.notes, normalizeRect(p, q));
        return { selection: new Set([...base, ...picked]) };
      },
    },
  };
}
