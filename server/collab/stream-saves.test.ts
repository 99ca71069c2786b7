/**
 * How StreamSaves sends a room's ticks to the piece's stream (with other processes): each at once, their outcomes in
 * order, and a failed one again before anything after it. The relay here is a stand-in whose publishes come back when
 * the test says; relay.db.test runs the real one on Redis.
 */
import { describe, expect, it } from "vitest";
import type { Db } from "../../db";
import type { PieceRelay, Relay } from "./relay";
import { StreamSaves } from "./stream-saves";

const quietLog = { info() {}, warn() {}, error() {} };
const tick = () => new Promise((r) => setImmediate(r));

/** Publishes wait until answered; `sent` lists each one's first byte in the order they were sent. */
function standInRelay() {
  const sent: number[] = [];
  const answers: { byte: number; ok(id: string): void; fail(e: Error): void }[] = [];
  const pieceRelay = {
    publish: (update: Uint8Array | null) =>
      new Promise<string>((ok, fail) => {
        sent.push(update![0]);
        answers.push({ byte: update![0], ok, fail });
      }),
  } as unknown as PieceRelay;
  // Another process holds the save lease: this one only publishes.
  const relay = { lease: async () => false, savedMarker: async () => null, release: async () => {} } as unknown as Relay;
  const saves = new StreamSaves({ db: {} as Db, pieceId: "p1", log: quietLog, relay, pieceRelay, debounceMs: 60_000, compactAfterRows: 1000, rows: 0, savedTo: null });
  return { saves, sent, answers };
}

describe("a room's ticks on the piece's stream", () => {
  it("sends each tick's entry at once, without waiting for the one before to come back, and acknowledges in order", async () => {
    const { saves, sent, answers } = standInRelay();
    const acked: string[] = [];
    for (const byte of [1, 2, 3]) {
      saves.addUpdate(new Uint8Array([byte]));
      saves.afterPublished(() => acked.push(`after ${byte}`));
      await tick();
    }
    expect(sent).toEqual([1, 2, 3]); // all three out, none answered yet
    answers[1].ok("1-2");
    answers[2].ok("1-3");
    await tick();
    expect(acked).toEqual([]); // the first is not in the stream yet: nothing after it is acknowledged
    answers[0].ok("1-1");
    await tick();
    expect(acked).toEqual(["after 1", "after 2", "after 3"]);
    expect(saves.pending).toBe(true); // published, not yet known saved
    saves.dispose();
  });

  it("sends a failed entry again before anything after it is acknowledged, and holds later ticks back until it is in", async () => {
    const { saves, sent, answers } = standInRelay();
    const acked: number[] = [];
    saves.addUpdate(new Uint8Array([1]));
    saves.afterPublished(() => acked.push(1));
    await tick();
    saves.addUpdate(new Uint8Array([2]));
    saves.afterPublished(() => acked.push(2));
    await tick();
    answers[0].fail(new Error("OOM command not allowed"));
    answers[1].ok("1-2");
    await new Promise((r) => setTimeout(r, 150)); // the first retry comes 100 ms after the failure
    expect(sent).toEqual([1, 2, 1]);
    saves.addUpdate(new Uint8Array([3])); // while the first is still out: waits its turn
    saves.afterPublished(() => acked.push(3));
    await tick();
    expect(sent).toEqual([1, 2, 1]);
    expect(acked).toEqual([]);
    answers[2].ok("1-3");
    await tick();
    await tick();
    expect(acked).toEqual([1, 2]);
    expect(sent).toEqual([1, 2, 1, 3]); // sent in its turn
    answers[3].ok("1-4");
    await tick();
    expect(acked).toEqual([1, 2, 3]);
    saves.addUpdate(new Uint8Array([4])); // nothing failing now: at once again
    await tick();
    expect(sent).toEqual([1, 2, 1, 3, 4]);
    saves.dispose();
  });
});
