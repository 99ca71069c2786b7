import { afterEach, describe, expect, it, vi } from "vitest";
import { createFairQueue, FairQueueError, FairQueueFullError, type FairQueue, type JoinOptions, type Place } from "./fair-queue";

/** Places in a line whose tasks the test finishes one by one, recording the order they started in. */
function lineOf(queue: FairQueue) {
  const started: string[] = [];
  const places = new Map<string, Place>();
  const positions = new Map<string, number[]>();
  return {
    started,
    positions,
    join(key: string, name: string, opts: JoinOptions = {}) {
      const place = queue.join(key, { ...opts, onPosition: (p) => positions.set(name, [...(positions.get(name) ?? []), p]) });
      places.set(name, place);
      void place.turn.then(() => started.push(name), () => undefined);
      return place;
    },
    finish(name: string) {
      places.get(name)!.leave();
    },
  };
}

const settle = () => new Promise((r) => setImmediate(r));

describe("fair queue", () => {
  afterEach(() => vi.useRealTimers());

  it("runs one task at a time and serves people in turn, whatever order they asked in", async () => {
    const line = lineOf(createFairQueue({ perKey: 10 }));
    for (const name of ["a1", "a2", "a3", "a4"]) line.join("ada", name);
    line.join("bo", "b1");
    line.join("bo", "b2");
    line.join("cy", "c1");
    await settle();
    expect(line.started).toEqual(["a1"]);
    for (const name of ["a1", "b1", "c1", "a2", "b2", "a3"]) {
      line.finish(name);
      await settle();
    }
    expect(line.started).toEqual(["a1", "b1", "c1", "a2", "b2", "a3", "a4"]);
  });

  it("puts a newcomer right after the running task, ahead of a backlog, and tells everyone waiting where they stand", async () => {
    const line = lineOf(createFairQueue({ perKey: 12 }));
    for (let i = 1; i <= 12; i++) line.join("ada", `a${i}`);
    line.join("bo", "b1");
    await settle();
    expect(line.positions.get("a1")).toBeUndefined(); // it never waited
    expect(line.positions.get("a2")).toEqual([1, 2]);
    expect(line.positions.get("a12")).toEqual([11, 12]);
    expect(line.positions.get("b1")).toEqual([1]);
    line.finish("a1");
    await settle();
    expect(line.started).toEqual(["a1", "b1"]);
    expect(line.positions.get("a2")).toEqual([1, 2, 1]);
  });

  it("two people who ask again the moment they are served cannot keep a third person's backlog waiting", async () => {
    const line = lineOf(createFairQueue({ perKey: 10 }));
    line.join("bo", "b1");
    line.join("bo", "b2");
    line.join("ada", "a1");
    line.join("cy", "c1");
    let n = 1;
    for (const [done, who] of [["b1", ""], ["a1", "ada"], ["c1", "cy"], ["b2", ""], ["a2", "ada"]]) {
      line.finish(done);
      await settle();
      if (who) line.join(who, `${who[0]}${++n}`);
    }
    expect(line.started).toEqual(["b1", "a1", "c1", "b2", "a2", "c3"]);
  });

  it("a person holds at most perKey places, running and waiting; a place given up makes room", () => {
    const queue = createFairQueue({ perKey: 2 });
    const first = queue.join("ada");
    queue.join("ada");
    const refused = (() => {
      try {
        queue.join("ada");
      } catch (e) {
        return e;
      }
    })();
    expect(refused).toBeInstanceOf(FairQueueFullError);
    expect(refused).toMatchObject({ reason: "full", limit: "key", cap: 2 });
    expect(queue.held("ada")).toBe(2);
    expect(() => queue.join("bo")).not.toThrow(); // another person is not held back by Ada's cap
    first.leave();
    first.leave(); // twice is once
    expect(queue.held("ada")).toBe(1);
    expect(() => queue.join("ada")).not.toThrow();
  });

  it("refuses past maxWaiting in all, counting only places that wait", () => {
    const queue = createFairQueue({ perKey: 5, maxWaiting: 2 });
    queue.join("ada"); // runs
    queue.join("bo");
    queue.join("cy");
    expect(() => queue.join("dee")).toThrow(expect.objectContaining({ reason: "full", limit: "total", cap: 2 }));
  });

  it("runs several at once with concurrency above 1", async () => {
    const line = lineOf(createFairQueue({ perKey: 5, concurrency: 2 }));
    for (const name of ["a1", "a2", "a3"]) line.join("ada", name);
    line.join("bo", "b1");
    await settle();
    expect(line.started).toEqual(["a1", "a2"]);
    line.finish("a2");
    await settle();
    expect(line.started).toEqual(["a1", "a2", "b1"]);
  });

  it("a withdrawn place leaves the line: its turn fails, the ones behind move up, its person gets the place back", async () => {
    const queue = createFairQueue({ perKey: 3 });
    const line = lineOf(queue);
    line.join("ada", "a1");
    const withdraw = new AbortController();
    const b1 = line.join("bo", "b1", { signal: withdraw.signal });
    line.join("cy", "c1");
    withdraw.abort();
    await expect(b1.turn).rejects.toMatchObject({ reason: "cancelled" });
    expect(queue.held("bo")).toBe(0);
    expect(line.positions.get("c1")).toEqual([2, 1]);
    line.finish("a1");
    await settle();
    expect(line.started).toEqual(["a1", "c1"]);
    b1.leave(); // already gone: nothing changes
    expect(queue.held("cy")).toBe(1);
    expect(() => queue.join("ada", { signal: AbortSignal.abort() })).toThrow(expect.objectContaining({ reason: "cancelled" }));
  });

  it("aborting a running task's signal leaves its place alone: the task ends it", async () => {
    const queue = createFairQueue({ perKey: 3 });
    const stop = new AbortController();
    const running = queue.join("ada", { signal: stop.signal });
    await running.turn;
    stop.abort();
    expect(queue.held("ada")).toBe(1);
    running.leave();
    expect(queue.held("ada")).toBe(0);
  });

  it("a place that waits longer than maxWaitMs leaves the line with reason timeout", async () => {
    vi.useFakeTimers();
    const queue = createFairQueue({ perKey: 3 });
    const running = queue.join("ada");
    const late = queue.join("bo", { maxWaitMs: 1000 });
    const served = queue.join("ada", { maxWaitMs: 5000 });
    await vi.advanceTimersByTimeAsync(999);
    expect(queue.held("bo")).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(late.turn).rejects.toMatchObject({ reason: "timeout" });
    expect(queue.held("bo")).toBe(0);
    running.leave();
    await served.turn;
    await vi.advanceTimersByTimeAsync(10_000); // its timer stopped when its turn came
    served.leave();
    expect(queue.held("ada")).toBe(0);
  });

  it("run leaves the line when its task fails, and the next one starts", async () => {
    const queue = createFairQueue({ perKey: 3 });
    const failing = queue.run("ada", async () => {
      throw new Error("the task broke");
    });
    const next = queue.run("ada", async () => "second");
    await expect(failing).rejects.toThrow("the task broke");
    expect(await next).toBe("second");
    expect(queue.held("ada")).toBe(0);
  });

  it("close fails the waiting places and refuses new ones; the running task carries on", async () => {
    const queue = createFairQueue({ perKey: 3 });
    const running = queue.join("ada");
    const waiting = queue.join("bo");
    queue.close();
    await expect(waiting.turn).rejects.toBeInstanceOf(FairQueueError);
    await expect(waiting.turn).rejects.toMatchObject({ reason: "closed" });
    expect(() => queue.join("cy")).toThrow(expect.objectContaining({ reason: "closed" }));
    await running.turn;
    running.leave();
    expect(queue.held("ada") + queue.held("bo")).toBe(0);
  });
});
