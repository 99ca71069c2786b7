/**
 * A fair line for one scarce thing (the model, the PDF worker): at most `concurrency` tasks hold it at once, and the
 * waiting ones are served in turn across their keys (people), so one person's backlog delays another person's next
 * task by at most one task. A key may hold at most `perKey` places (running and waiting); past that, or past
 * `maxWaiting` waiting in all, `join` refuses at once instead of queueing without bound.
 *
 * Order: each place gets a round number, max(the round now being served, its key's last round + 1), and the line is
 * served by round, then by arrival. A person with nothing waiting lands in the current round (right after the tasks
 * already running); a backlog spreads over later rounds. Keeping a key's last round until the line moves past it
 * stops someone who asks again the moment they are served from jumping ahead of the others' backlogs.
 */

/** "lost": a shared line (Redis) no longer holds the place, because this process did not renew it in time. */
export type FairQueueFailure = "full" | "cancelled" | "timeout" | "closed" | "lost";

export class FairQueueError extends Error {
  constructor(
    readonly reason: FairQueueFailure,
    message: string,
  ) {
    super(message);
    this.name = "FairQueueError";
  }
}

/** Refused at once: the key already holds `cap` places ("key"), or `cap` tasks wait in all ("total"). */
export class FairQueueFullError extends FairQueueError {
  constructor(
    readonly limit: "key" | "total",
    readonly cap: number,
  ) {
    super("full", limit === "key" ? `at most ${cap} places a key` : `at most ${cap} waiting`);
    this.name = "FairQueueFullError";
  }
}

export interface FairQueueOptions {
  /** Tasks that may run at once (default 1). */
  concurrency?: number;
  /** Places one key may hold, running and waiting together. */
  perKey: number;
  /** Places that may wait in all, across keys (default: no limit beyond perKey). */
  maxWaiting?: number;
}

export interface JoinOptions {
  /** Aborting it takes a waiting place out of the line (its turn rejects with reason "cancelled"). */
  signal?: AbortSignal;
  /** A place that has waited this long leaves the line (its turn rejects with reason "timeout"). */
  maxWaitMs?: number;
  /** The place's position while it waits: 1 is next. Called when it joins and whenever it changes. */
  onPosition?(position: number): void;
}

export interface Place {
  /** Resolves when the place's task may start; rejects with a FairQueueError if it leaves the line first. */
  readonly turn: Promise<void>;
  /** Gives the place up: its task ended, or it is no longer wanted. Call it exactly when done; more calls do nothing. */
  leave(): void;
}

export interface FairQueue {
  /** Takes a place in line for `key`; throws FairQueueFullError (or reason "closed") at once when there is no room. */
  join(key: string, options?: JoinOptions): Place;
  /** join, wait for the turn, run the task, leave. */
  run<T>(key: string, task: () => Promise<T>, options?: JoinOptions): Promise<T>;
  /** Places a key holds now, running and waiting. */
  held(key: string): number;
  /** Refuses new places and takes every waiting one out of the line (reason "closed"); running tasks carry on. */
  close(): void;
}

interface Waiter {
  key: string;
  round: number;
  seq: number;
  position: number;
  state: "waiting" | "running" | "gone";
  start(): void;
  fail(error: FairQueueError): void;
  onPosition?(position: number): void;
  /** Clears its timer and abort listener. */
  detach(): void;
}

export function createFairQueue(options: FairQueueOptions): FairQueue {
  const concurrency = options.concurrency ?? 1;
  const waiting: Waiter[] = []; // in the order they will be served
  const held = new Map<string, number>();
  const lastRound = new Map<string, number>();
  let running = 0;
  let round = 0; // the round of the task started last
  let seq = 0;
  let closed = false;

  const byTurn = (a: Waiter, b: Waiter) => a.round - b.round || a.seq - b.seq;

  function release(w: Waiter) {
    const n = (held.get(w.key) ?? 1) - 1;
    if (n > 0) held.set(w.key, n);
    else held.delete(w.key);
  }

  /** Starts what may start, then tells every waiting place whose position moved. */
  function pump() {
    while (running < concurrency && waiting.length > 0) {
      const w = waiting.shift()!;
      w.state = "running";
      w.detach();
      running++;
      round = w.round;
      w.start();
    }
    for (const [key, r] of lastRound) if (r < round && !held.has(key)) lastRound.delete(key);
    waiting.forEach((w, i) => {
      if (w.position === i + 1) return;
      w.position = i + 1;
      w.onPosition?.(w.position);
    });
  }

  /** Takes a waiting place out of the line, failing its turn. */
  function drop(w: Waiter, error: FairQueueError) {
    if (w.state !== "waiting") return;
    w.state = "gone";
    w.detach();
    waiting.splice(waiting.indexOf(w), 1);
    release(w);
    w.fail(error);
    pump();
  }

  function join(key: string, opts: JoinOptions = {}): Place {
    if (closed) throw new FairQueueError("closed", "the line is closed");
    if (opts.signal?.aborted) throw new FairQueueError("cancelled", "withdrawn before it joined the line");
    const mine = held.get(key) ?? 0;
    if (mine >= options.perKey) throw new FairQueueFullError("key", options.perKey);
    const mustWait = running >= concurrency || waiting.length > 0;
    if (mustWait && options.maxWaiting !== undefined && waiting.length >= options.maxWaiting) {
      throw new FairQueueFullError("total", options.maxWaiting);
    }
    held.set(key, mine + 1);
    const r = Math.max(round, (lastRound.get(key) ?? -1) + 1);
    lastRound.set(key, r);

    let start!: () => void;
    let fail!: (e: FairQueueError) => void;
    const turn = new Promise<void>((resolve, reject) => {
      start = resolve;
      fail = reject;
    });
    turn.catch(() => undefined); // a place given up before anyone awaits its turn is no unhandled rejection
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = () => drop(w, new FairQueueError("cancelled", "withdrawn while it waited"));
    const w: Waiter = {
      key,
      round: r,
      seq: seq++,
      position: 0,
      state: "waiting",
      start,
      fail,
      onPosition: opts.onPosition,
      detach() {
        clearTimeout(timer);
        opts.signal?.removeEventListener("abort", onAbort);
      },
    };
    const at = waiting.findIndex((x) => byTurn(w, x) < 0);
    waiting.splice(at < 0 ? waiting.length : at, 0, w);
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    if (opts.maxWaitMs !== undefined) {
      const ms = opts.maxWaitMs;
      timer = setTimeout(() => drop(w, new FairQueueError("timeout", `waited ${ms} ms in line`)), ms);
    }
    pump();
    return {
      turn,
      leave() {
        if (w.state === "waiting") return drop(w, new FairQueueError("cancelled", "left the line"));
        if (w.state !== "running") return;
        w.state = "gone";
        running--;
        release(w);
        pump();
      },
    };
  }

  return {
    join,
    async run(key, task, opts) {
      const place = join(key, opts);
      try {
        await place.turn;
        return await task();
      } finally {
        place.leave();
      }
    },
    held: (key) => held.get(key) ?? 0,
    close() {
      closed = true;
      for (const w of waiting.splice(0)) {
        w.state = "gone";
        w.detach();
        release(w);
        w.fail(new FairQueueError("closed", "the line was closed"));
      }
    },
  };
}
