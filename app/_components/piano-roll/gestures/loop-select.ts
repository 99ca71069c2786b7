/** Drag along the ruler (draw, select and erase tools): sets the loop, whole bars. A click clears it. */
import { ticksPerBar } from "@/lib/time";
import { xToTick, type Point } from "../geometry";
import type { GestureEnv, GestureStart, LoopRegion, Preview } from "./types";

/** The whole bars covering ticks a..b (either order), or null when empty. */
export function loopBetween(a: number, b: number, bar: number): LoopRegion | null {
  const startTick = Math.max(0, Math.floor(Math.min(a, b) / bar) * bar);
  const endTick = Math.max(startTick + bar, Math.ceil(Math.max(a, b) / bar) * bar);
  return { startTick, endTick };
}

export function startLoopSelect(env: GestureEnv, p: Point): GestureStart {
  const bar = ticksPerBar(env.meter);
  const from = xToTick(env.viewport, p.x);
  let current: LoopRegion | null = null;
  let dragged = false;
  return {
    gesture: {
      move(q) {
        if (Math.abs(q.x - p.x) < 4 && !dragged) return;
        dragged = true;
        current = loopBetween(from, xToTick(env.viewport, q.x), bar);
      },
      preview(): Preview {
        return current ? { kind: "loop", loop: current } : { kind: "none" };
      },
      end() {
        return { loop: dragged && current ? current : { startTick: 0, endTick: 0 } };
      },
    },
  };
}
