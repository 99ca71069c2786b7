/**
 * The model's line for jam bars (issue 16, "Timing"): one bar at a time, the earliest deadline first. The model's
 * thread runs requests step by step in turn, so four jams' bars asked at the same downbeat would all finish together,
 * four times later, and all miss; written one after another at full speed, the earliest make their downbeats. A bar
 * whose deadline passes while it waits leaves the line unwritten (missed, and silent), costing the others nothing.
 */
export interface BarLine {
  /**
   * Waits for the model. Resolves with `done` (call it when the bar is written, or given up) once this bar's turn
   * comes, or with null when its deadline (server clock, ms) or the signal comes first.
   */
  turn(deadline: number, signal?: AbortSignal): Promise<(() => void) | null>;
  /** Bars waiting now (for tests and logs). */
  waiting(): number;
}

interface Waiter {
  deadline: number;
  grant(done: () => void): void;
  expire(): void;
}

export function createBarLine(opts: { slots?: number; now?: () => number } = {}): BarLine {
  const slots = opts.slots ?? 1;
  const now = opts.now ?? Date.now;
  let running = 0;
  const line: Waiter[] = []; // by deadline, earliest first

  const release = () => {
    running--;
    next();
  };
  const doneOnce = () => {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      release();
    };
  };
  function next() {
    while (running < slots && line.length > 0) {
      const w = line.shift()!;
      if (w.deadline <= now()) {
        w.expire();
        continue;
      }
      running++;
      w.grant(doneOnce());
    }
  }

  return {
    turn(deadline, signal) {
      if (signal?.aborted || deadline <= now()) return Promise.resolve(null);
      if (running < slots && line.length === 0) {
        running++;
        return Promise.resolve(doneOnce());
      }
      return new Promise((resolve) => {
        const settle = (done: (() => void) | null) => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", leave);
          resolve(done);
        };
        const leave = () => {
          const i = line.indexOf(w);
          if (i < 0) return;
          line.splice(i, 1);
          settle(null);
        };
        const w: Waiter = { deadline, grant: settle, expire: () => settle(null) };
        const timer = setTimeout(leave, Math.max(0, deadline - now()));
        signal?.addEventListener("abort", leave, { once: true });
        const at = line.findIndex((o) => o.deadline > deadline);
        line.splice(at < 0 ? line.length : at, 0, w);
      });
    },
    waiting: () => line.length,
  };
}
