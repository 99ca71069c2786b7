import { performance } from "node:perf_hooks";

export interface LoopStall {
  /** The longest gap between two ticks of a 2 ms interval timer: how long this thread's event loop was held up. */
  stall: number;
  /** How long the work took, start to settled. */
  took: number;
}

/** Runs `work` with a timer ticking every 2 ms beside it (the credits PDF responsiveness test and bench/credits-pdf.ts). */
export async function measureLoopStall(work: () => Promise<unknown>): Promise<LoopStall> {
  let last = performance.now();
  let stall = 0;
  const tick = () => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
  };
  const timer = setInterval(tick, 2);
  const started = performance.now();
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  const took = performance.now() - started;
  tick();
  return { stall, took };
}
