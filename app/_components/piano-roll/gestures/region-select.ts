/** With the region tool, drag across bars: chooses the bars the AI will infill. */
import { barAtX, type Point } from "../geometry";
import type { BarRange, GestureEnv, GestureStart, Preview } from "./types";

export function startRegionSelect(env: GestureEnv, p: Point): GestureStart {
  const at = (q: Point) => barAtX(env.viewport, q.x, env.meter);
  const range = (q: Point): BarRange => {
    const a = at(p);
    const b = at(q);
    return { startBar: Math.min(a, b), endBar: Math.max(a, b) + 1 };
  };
  let current = range(p);
  return {
    gesture: {
      move(q) {
        current = range(q);
      },
      preview(): Preview {
        return { kind: "region", range: current };
      },
      end(q) {
        return { region: range(q) };
      },
    },
  };
}
