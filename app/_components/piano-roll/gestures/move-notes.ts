/** Drag a note's body: moves it (and the rest of the selection) on the grid. */
import type { NoteWithId } from "@/lib/doc-schema";
import { clampMove, moveNotes } from "../commands";
import { snapRound, xToTick, yToPitch, type Point } from "../geometry";
import type { GestureEnv, GestureStart, Modifiers, Preview } from "./types";

export function startMoveNotes(env: GestureEnv, p: Point, hit: NoteWithId, mods: Modifiers): GestureStart {
  const { viewport: v } = env;
  const wasSelected = env.selection.has(hit.id);
  let selection: Set<string>;
  if (mods.shift) {
    selection = new Set(env.selection);
    if (wasSelected) selection.delete(hit.id);
    else selection.add(hit.id);
  } else {
    selection = wasSelected ? new Set(env.selection) : new Set([hit.id]);
  }
  const ids = [...selection];
  const moving = env.notes.filter((n) => selection.has(n.id));
  let dTick = 0;
  let dPitch = 0;

  return {
    selection,
    gesture: {
      move(q) {
        if (env.readOnly || ids.length === 0) return;
        const raw = snapRound(xToTick(v, q.x) - xToTick(v, p.x), env.grid);
        const clamped = clampMove(moving, raw, yToPitch(v, q.y) - yToPitch(v, p.y));
        dTick = clamped.dt;
        dPitch = clamped.dp;
      },
      preview(): Preview {
        return dTick || dPitch ? { kind: "move", ids, dTick, dPitch } : { kind: "none" };
      },
      end() {
        if (dTick || dPitch) {
          moveNotes(env.doc, ids, dTick, dPitch);
          return {};
        }
        // A plain click on a note of a bigger selection narrows the selection to it.
        if (!mods.shift && wasSelected && selection.size > 1) return { selection: new Set([hit.id]) };
        return {};
      },
    },
  };
}
