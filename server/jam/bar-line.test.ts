import { expect, it } from "vitest";
import { createBarLine } from "./bar-line";

const tick = () => new Promise((r) => setTimeout(r, 0));

it("gives the model to one bar at a time, the earliest deadline first, whatever the order they asked in", async () => {
  const line = createBarLine();
  const order: string[] = [];
  const first = await line.turn(Date.now() + 1000);
  expect(first).not.toBeNull();
  const later = line.turn(Date.now() + 900).then((d) => (order.push("later"), d));
  const sooner = line.turn(Date.now() + 500).then((d) => (order.push("sooner"), d));
  await tick();
  expect(order).toEqual([]); // the first bar still writes
  expect(line.waiting()).toBe(2);
  first!();
  (await sooner)!();
  (await later)!();
  expect(order).toEqual(["sooner", "later"]);
});

it("gives up a bar whose deadline passes while it waits, unwritten, and the line goes on", async () => {
  const line = createBarLine();
  const first = await line.turn(Date.now() + 1000);
  const lapsed = line.turn(Date.now() + 30);
  const next = line.turn(Date.now() + 1000);
  expect(await lapsed).toBeNull();
  expect(line.waiting()).toBe(1);
  first!();
  const done = await next;
  expect(done).not.toBeNull();
  done!();
  done!(); // twice is once
  expect(await line.turn(Date.now() + 1000)).not.toBeNull();
});

it("refuses a bar already past its deadline, and one whose jam stopped while it waited", async () => {
  const line = createBarLine();
  expect(await line.turn(Date.now() - 1)).toBeNull();
  const first = await line.turn(Date.now() + 1000);
  const stop = new AbortController();
  const waiting = line.turn(Date.now() + 1000, stop.signal);
  stop.abort();
  expect(await waiting).toBeNull();
  expect(line.waiting()).toBe(0);
  first!();
});

it("runs as many bars at once as it has slots", async () => {
  const line = createBarLine({ slots: 2 });
  const a = await line.turn(Date.now() + 1000);
  const b = await line.turn(Date.now() + 1000);
  expect(a && b).toBeTruthy();
  const c = line.turn(Date.now() + 1000);
  await tick();
  expect(line.waiting()).toBe(1);
  a!();
  expect(await c).not.toBeNull();
});

it("gives a spare turn the model only when no bar waits, and takes it back for a bar that comes", async () => {
  const line = createBarLine();
  const first = await line.turn(Date.now() + 1000);
  const order: string[] = [];
  const spare = new AbortController();
  const spareTurn = line.turn(Date.now() + 300, undefined, spare).then((d) => (order.push("spare"), d));
  const bar = line.turn(Date.now() + 900).then((d) => (order.push("bar"), d));
  first!();
  (await bar)!(); // a later deadline, but a bar: it goes first
  const spareDone = (await spareTurn)!;
  expect(order).toEqual(["bar", "spare"]);
  expect(spare.signal.aborted).toBe(false);

  const next = line.turn(Date.now() + 900); // a bar comes while the spare writes: the spare is asked to give up
  expect(spare.signal.aborted).toBe(true);
  await tick();
  expect(line.waiting()).toBe(1);
  spareDone();
  expect(await next).not.toBeNull();
});
