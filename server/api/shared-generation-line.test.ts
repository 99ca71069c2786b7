import { randomUUID } from "node:crypto";
import { afterEach, expect, it, vi } from "vitest";
import { redisConnection } from "../redis";
import { quietLog } from "../collab/test-harness";
import type { GenerationLine } from "./generation-line";
import { createSharedGenerationLine } from "./shared-generation-line";
import { JOIN, LEAVE, lineKeys } from "./shared-line-scripts";

// The cluster's generation line on this machine's Redis: two lines with one prefix stand for two app processes.

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `tandem-test-${randomUUID().slice(0, 8)}`;
process.env.TANDEM_REDIS_PREFIX = prefix;

let lines: GenerationLine[] = [];
const processLine = (slots = 1, placeTtlMs?: number) => {
  const line = createSharedGenerationLine({ redisUrl: REDIS_URL, log: quietLog, slots: () => slots, perPerson: 3, placeTtlMs });
  lines.push(line);
  return line;
};
const started: string[] = [];
const positions = new Map<string, number[]>();
async function ask(line: GenerationLine, person: string, id: string) {
  const place = await line.join(person, id, (p) => positions.set(id, [...(positions.get(id) ?? []), p]));
  void place.turn.then(() => started.push(id), () => undefined);
  return place;
}
const until = (fn: () => void) => vi.waitFor(fn, { timeout: 5000, interval: 20 });

afterEach(async () => {
  await Promise.all(lines.map((l) => l.close()));
  lines = [];
  started.length = 0;
  positions.clear();
  const redis = redisConnection(REDIS_URL);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

it("serves people in turn across processes, shows each place its position, and caps a person across processes", async () => {
  const [one, two] = [processLine(), processLine()];
  const a1 = await ask(one, "ada", "a1");
  await until(() => expect(started).toEqual(["a1"]));
  const a2 = await ask(one, "ada", "a2");
  const a3 = await ask(one, "ada", "a3");
  const b1 = await ask(two, "bo", "b1"); // Bo's first goes before Ada's backlog, on another process
  await until(() => expect([positions.get("b1")?.at(-1), positions.get("a2")?.at(-1), positions.get("a3")?.at(-1)]).toEqual([1, 2, 3]));
  await expect(two.join("ada", "a4", () => {})).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });

  a1.leave();
  await until(() => expect(started).toEqual(["a1", "b1"]));
  await until(() => expect(positions.get("a2")?.at(-1)).toBe(1));
  b1.leave();
  await until(() => expect(started).toEqual(["a1", "b1", "a2"]));
  a2.leave();
  await until(() => expect(started).toEqual(["a1", "b1", "a2", "a3"]));
  a3.leave();
  await expect(two.join("ada", "a5", () => {})).resolves.toBeDefined(); // her places were given back
});

it("runs as many at once as the workers take", async () => {
  const line = processLine(2);
  await ask(line, "ada", "a1");
  await ask(line, "bo", "b1");
  await ask(line, "cy", "c1");
  await until(() => expect(started).toEqual(["a1", "b1"]));
  expect(positions.get("c1")?.at(-1)).toBe(1);
});

it("a withdrawn place fails its turn and leaves the line; a running one is left to finish", async () => {
  const line = processLine();
  const a1 = await ask(line, "ada", "a1");
  const b1 = await ask(line, "bo", "b1");
  await until(() => expect(started).toEqual(["a1"]));
  line.withdraw("b1");
  await expect(b1.turn).rejects.toMatchObject({ code: "CLIENT_CLOSED_REQUEST" });
  line.withdraw("a1"); // running: not taken out
  const c1 = await ask(line, "cy", "c1");
  await new Promise((r) => setTimeout(r, 500));
  expect(started).toEqual(["a1"]);
  a1.leave();
  await until(() => expect(started).toEqual(["a1", "c1"]));
  c1.leave();
});

it("the places of a process that died leave the line once they lapse", async () => {
  const line = processLine(1, 600);
  // A process that joined and then died: its place was renewed by nobody.
  const redis = redisConnection(REDIS_URL);
  const keys = lineKeys(prefix);
  await redis.eval(JOIN, keys.length, ...keys, "ghost", "g1", 3, Date.now() + 600);
  await redis.quit();
  await ask(line, "ada", "a1");
  await new Promise((r) => setTimeout(r, 300));
  expect(started).toEqual([]); // the dead process's place holds the slot for now
  await until(() => expect(started).toEqual(["a1"]));
});

it("a waiting place that lapsed (this server did not renew it in time) fails saying so, not as a shutdown", async () => {
  const line = processLine(1);
  await ask(line, "ada", "a1");
  const waiting = await ask(line, "bo", "b1");
  // What the line does to a place unrenewed past its time: it is gone from Redis while this process still waits on it.
  const redis = redisConnection(REDIS_URL);
  const keys = lineKeys(prefix);
  await redis.eval(LEAVE, keys.length, ...keys, "b1");
  await redis.quit();
  await expect(waiting.turn).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE", message: expect.stringMatching(/^This request lost its place in the model's line .*; ask again$/) });
});
