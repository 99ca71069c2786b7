/**
 * The model's line for jam bars (issue 16, "Timing"): one bar at a time, the earliest deadline first. The model's
 * thread runs requests step by step in turn, so four jams' bars asked at the same downbeat would all finish together,
 * four times later, and all miss; written one after another at full speed, the earliest make their downbeats. A bar
 * whose deadline passes while it waits leaves the line unwritten (missed, and silent), costing the others nothing.
 *
 * A spare turn (an answer asked again with more of the call, lib/jam/plan.ts `refineAt`) is a bar that is already
 * written once: it waits behind every other bar, and a bar that comes while it writes takes the model from it (its
 * `preempt` is aborted: the spare gives up and calls done).
 */
export interface BarLine {
  /**
   * Waits for the model. Resolves with `done` (call it when the bar is written, or given up) once this bar's turn
   * comes, or with null when its deadline (server clock, ms) or the signal comes first.
   */
  turn(deadline: number, signal?: AbortSignal, preempt?: AbortController): Promise<(() => void) | null>;
  /** Bars waiting now (for tests and logs). */
  waiting(): number;
}

interface Waiter {
  deadline: number;
  /** A spare turn's: aborted when another bar wants the model it holds. */
  preempt?: AbortController;
  grant(done: () => void): void;
  expire(): void;
}

/** Line order: every bar before every spare turn, each by deadline. */
const before = (a: Waiter, b: Waiter) => (a.preempt === undefined) !== (b.preempt === undefined) ? a.preempt === undefined : a.deadline < b.deadline;

export function createBarLine(opts: { slots?: number; now?: () => number } = {}): BarLine {
  const slots = opts.slots ?? 1;
  const now = opts.now ?? Date.now;
  let running = 0;
  const spares = new Set<AbortController>(); // spare turns holding the model now
  const line: Waiter[] = []; // in line order (before)

  const doneOnce = (preempt?: AbortController) => {
    let done = false;
    if (preempt) spares.add(preempt);
    return () => {
      if (done) return;
      done = true;
      if (preempt) spares.delete(preempt);
      running--;
      next();
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
      w.grant(doneOnce(w.preempt));
    }
  }

  return {
    turn(deadline, signal, preempt) {
      if (signal?.aborted || deadline <= now()) return Promise.resolve(null);
      if (running < slots && line.length === 0) {
        running++;
        return Promise.resolve(doneOnce(preempt));
      }
      // A bar waits for a spare turn no longer than the spare needs to give up.
      if (!preempt) spares.values().next().value?.abort();
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
        const w: Waiter = { deadline, preempt, grant: settle, expire: () => settle(null) };
        const timer = setTimeout(leave, Math.max(0, deadline - now()));
        signal?.addEventListener("abort", leave, { once: true });
        const at = line.findIndex((o) => before(w, o));
        line.splice(at < 0 ? line.length : at, 0, w);
      });
    },
    waiting: () => line.length,
  };
}
