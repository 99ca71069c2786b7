/** Drag a note's right edge: lengthens or shortens it (and the rest of the selection). */
import type { NoteWithId } from "@/lib/doc-schema";
import { resizeNotes, resizedDuration } from "../commands";
import { snapRound, xToTick, type Point } from "../geometry";
import type { GestureEnv, GestureStart, Preview } from "./types";

export function startResizeNotes(env: GestureEnv, p: Point, hit: NoteWithId): GestureStart {
  const { viewport: v } = env;
  const selection = env.selection.has(hit.id) ? new Set(env.selection) : new Set([hit.id]);
  const ids = [...selection];
  let dDuration = 0;

  return {
    selection,
    gesture: {
      move(q) {
        if (env.readOnly) return;
        // Snap the grabbed note's end to the grid; the others change by the same amount.
        const end = snapRound(hit.start + hit.duration + xToTick(v, q.x) - xToTick(v, p.x), env.grid);
        dDuration = resizedDuration(hit.duration, end - hit.start - hit.duration, env.grid) - hit.duration;
      },
      preview(): Preview {
        return dDuration ? { kind: "resize", ids, dDuration } : { kind: "none" };
      },
      end() {
        if (!dDuration) return {};
        resizeNotes(env.doc, ids, dDuration, env.grid);
        return { noteLength: resizedDuration(hit.duration, dDuration, env.grid) };
      },
    },
  };
}
