/** Click on empty grid: add a note in the selected track; drag right to give it a length. */
import { addNote } from "../commands";
import { clampPitch, snapFloor, xToTick, yToPitch, type Point } from "../geometry";
import { fitLength } from "../snap";
import type { GestureEnv, GestureStart, Preview } from "./types";

export function startAddNote(env: GestureEnv, p: Point): GestureStart {
  const { viewport: v, grid } = env;
  const start = Math.max(0, snapFloor(xToTick(v, p.x), grid));
  const pitch = clampPitch(yToPitch(v, p.y));
  let duration = fitLength(env.noteLength, grid);
  let dragged = false;

  const lengthAt = (q: Point): number => {
    const end = Math.ceil(xToTick(v, q.x) / grid) * grid;
    return Math.max(grid, end - start);
  };

  return {
    selection: new Set(),
    gesture: {
      move(q) {
        if (!dragged && Math.abs(q.x - p.x) < 4) return;
        dragged = true;
        duration = lengthAt(q);
      },
      preview(): Preview {
        return { kind: "add", note: { track: env.track, pitch, start, duration } };
      },
      end() {
        const id = addNote(env.doc, { track: env.track, pitch, start, duration });
        return { selection: new Set([id]), drawn: true, noteLength: dragged ? duration : undefined };
      },
    },
  };
}
