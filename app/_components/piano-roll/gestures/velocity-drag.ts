/**
 * Drag in the velocity lane: each note of the selected track whose start the pointer sweeps over
 * takes the velocity at the pointer's height; with a selection, only the selected notes change.
 */
import { setVelocity } from "../commands";
import { noteRect, yToVelocity, type Point } from "../geometry";
import type { GestureEnv, GestureStart, Preview } from "./types";

export function startVelocityDrag(env: GestureEnv, p: Point): GestureStart {
  const v = env.viewport;
  const onlySelected = env.notes.some((n) => env.selection.has(n.id));
  const candidates = env.notes.filter((n) => n.track === env.track && (!onlySelected || env.selection.has(n.id)));
  const values = new Map<string, number>();
  let last = p;
  const sweep = (q: Point) => {
    const lo = Math.min(last.x, q.x) - 3;
    const hi = Math.max(last.x, q.x) + 3;
    const vel = yToVelocity(v, q.y);
    for (const n of candidates) {
      const x = noteRect(v, n).x;
      if (x >= lo && x <= hi) values.set(n.id, vel);
    }
    last = q;
  };
  sweep(p);
  return {
    gesture: {
      move(q) {
        if (!env.readOnly) sweep(q);
      },
      preview(): Preview {
        return { kind: "velocity", values };
      },
      end(q) {
        if (env.readOnly) return {};
        sweep(q);
        setVelocity(env.doc, values);
        return {};
      },
    },
  };
}
