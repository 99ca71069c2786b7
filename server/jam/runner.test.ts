/**
 * A live jam against the shipped model on its own thread: the runner asks for each model bar on time, from what the
 * leader played, and every bar is either handed on before its downbeat or reported missed, never late. The tempo is
 * slow (a 4 s bar) so that a busy test host still has time; the timing target is bench:jam's.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jamClock, type ModelBar } from "../../lib/jam/plan";
import { jamSettingsSchema } from "../../lib/jam/settings";
import { keepTake } from "../../lib/jam/take";
import { tickOfBar } from "../../lib/time";
import { createFakeInference } from "../api/fake-inference";
import { createInferenceThread, type InferenceThread } from "../inference/thread";
import { META, TRACKS, testPiece } from "../inference/test-piece";
import { startJamRunner, type ReadyBar } from "./runner";

const SHIPPED = path.resolve(import.meta.dirname, "../../models/tandem-fim-v1");
const quiet = { info() {}, warn() {} };
const piece = { notes: testPiece(8), tracks: TRACKS, meta: META };
const settings = jamSettingsSchema.parse({ mode: "accompaniment", startBar: 2, bars: 2, bpm: 60, playerTrack: "melody", modelTracks: ["bass"], grid: 120 });

let model: InferenceThread;
beforeAll(async () => {
  model = await createInferenceThread({ modelDir: SHIPPED, provider: "cpu", threads: 1, log: quiet });
});
afterAll(() => model?.close());

describe("the jam runner", () => {
  it("accompanies the leader bar after bar with the model, each bar out before its downbeat or missed, and Keep writes one pass", async () => {
    const startAt = Date.now() + 1_000; // a short count-in: bar 0 is asked for at once
    const clock = jamClock(startAt, settings.bpm, META);
    const ready: ReadyBar[] = [];
    const missed: ModelBar[] = [];
    const jam = startJamRunner({ settings, clock, piece, inference: model, onBar: (b) => ready.push(b), onMissed: (b) => missed.push(b) });
    // The leader plays a quarter-note line over bars 0 and 1.
    for (let beat = 0; beat < 8; beat++) jam.play({ pitch: 72 + (beat % 4), velocity: 90, at: startAt + beat * clock.beatMs, ms: clock.beatMs * 0.9 });
    await new Promise((r) => setTimeout(r, clock.startAt + 2 * clock.barMs + 200 - Date.now()));
    const take = jam.stop();

    // Bars 0-2 are settled by bar 2's downbeat, each written or missed once; bar 3, asked for at that downbeat, may be.
    const heard = [...ready.map((b) => b.takeBar), ...missed.map((b) => b.takeBar)].sort((a, b) => a - b);
    expect(heard.filter((k) => k <= 2)).toEqual([0, 1, 2]);
    expect(heard.every((k) => k <= 3)).toBe(true);
    expect(ready.length).toBeGreaterThan(0);
    for (const bar of ready) {
      expect(bar.readyAt).toBeLessThanOrEqual(bar.due);
      for (const n of bar.notes) {
        expect(n.track).toBe("bass");
        expect(n.start).toBeGreaterThanOrEqual(0);
        expect(n.start).toBeLessThan(tickOfBar(1, META));
      }
    }
    const kept = keepTake(take, META);
    expect(kept.pass).toBe(0);
    expect(kept.player.map((n) => n.pitch)).toEqual([72, 73, 74, 75, 72, 73, 74, 75]);
    expect(kept.model.every((n) => n.track === "bass" && n.start >= tickOfBar(2, META) && n.start < tickOfBar(4, META))).toBe(true);
  }, 60_000);

  it("asks with the take so far: the leader's notes in place of the piece's on the loop's bars", async () => {
    const fake = createFakeInference();
    const startAt = Date.now() + 200;
    const clock = jamClock(startAt, 120, META);
    const jam = startJamRunner({ settings: { ...settings, bpm: 120 }, clock, piece, inference: fake, onBar: () => {}, onMissed: () => {} });
    jam.play({ pitch: 80, velocity: 90, at: startAt + 10, ms: 400 }); // take bar 0: the loop's first bar, the piece's bar 2
    await new Promise((r) => setTimeout(r, startAt + clock.barMs + 300 - Date.now()));
    jam.stop();
    // Bar 2 of the piece again (take bar 2, asked for at take bar 1's downbeat): the leader's note, not the piece's melody.
    const again = fake.requests.filter((r) => r.region.startBar === 2)[1];
    const melody = again.notes.filter((n) => n.track === "melody" && n.start >= tickOfBar(2, META) && n.start < tickOfBar(3, META));
    expect(melody.map((n) => [n.pitch, n.start])).toEqual([[80, tickOfBar(2, META)]]);
    expect(again.region.trackIds).toEqual(["bass"]);
  }, 20_000);

  it("call and response: asks the answer's first bar three beats before the call ends and again on its last, from the call so far, and the next with the whole call", async () => {
    const fake = createFakeInference();
    const askedAt: number[] = [];
    const inference = { ...fake, generate: (req: Parameters<typeof fake.generate>[0]) => (askedAt.push(Date.now()), fake.generate(req)) };
    const cr = { ...settings, mode: "call-and-response" as const, bars: 4, callBars: 2, bpm: 120 };
    const startAt = Date.now() + 300;
    const clock = jamClock(startAt, cr.bpm, META);
    const ready: ReadyBar[] = [];
    const jam = startJamRunner({ settings: cr, clock, piece, inference, onBar: (b) => ready.push(b), onMissed: () => {} });
    // The call, take bars 0-1: a note on each offbeat (a note on the beat would race the ask at that beat).
    const call = [72, 74, 76, 79, 76, 74, 72, 67];
    call.forEach((pitch, beat) => jam.play({ pitch, velocity: 90, at: startAt + (beat + 0.5) * clock.beatMs, ms: 200 }));
    await new Promise((r) => setTimeout(r, startAt + 2 * clock.barMs + 300 - Date.now()));
    const take = jam.stop();

    // The loop's bars 2 and 3 answer; bar 2 is asked twice: three beats before the call ends, and on its last beat.
    expect(fake.requests.map((r) => r.region.startBar)).toEqual([4, 4, 5]);
    expect(askedAt[0] - startAt).toBeGreaterThanOrEqual(2_500); // bar 2's downbeat (4 s) less three beats
    expect(askedAt[0] - startAt).toBeLessThan(2_750); // before the sixth note: a busy host's timer may be late
    expect(askedAt[1] - startAt).toBeGreaterThanOrEqual(3_500); // less one beat
    expect(askedAt[1] - startAt).toBeLessThan(3_750);
    expect(askedAt[2] - startAt).toBeGreaterThanOrEqual(4_000);
    const melody = (i: number) => fake.requests[i].notes.filter((n) => n.track === "melody" && n.start >= tickOfBar(2, META) && n.start < tickOfBar(4, META)).map((n) => n.pitch);
    expect(melody(0)).toEqual(call.slice(0, 5)); // the call's last three beats are rests to the answer's first bar
    expect(melody(1)).toEqual(call.slice(0, 7)); // asked again, it hears two beats more
    expect(melody(2)).toEqual(call);
    // The fake model is quick: both answers to bar 2 came in time, the second in the first one's place.
    expect(ready.map((b) => b.takeBar)).toEqual([2, 2, 3]);
    expect(take.modelBars.map((b) => b.takeBar)).toEqual([2, 3]);
  }, 20_000);

  it("a bar the model cannot finish before its downbeat is reported missed, and the jam goes on", async () => {
    const fake = createFakeInference();
    fake.behavior = "hang";
    const startAt = Date.now() + 300;
    const clock = jamClock(startAt, 140, META);
    const missed: ModelBar[] = [];
    const ready: ReadyBar[] = [];
    const jam = startJamRunner({ settings: { ...settings, bpm: 140 }, clock, piece, inference: fake, onBar: (b) => ready.push(b), onMissed: (b) => missed.push(b) });
    await new Promise((r) => setTimeout(r, startAt + 1.5 * clock.barMs - Date.now()));
    fake.behavior = "ok";
    await new Promise((r) => setTimeout(r, startAt + 3.2 * clock.barMs - Date.now()));
    jam.stop();
    expect(missed.map((b) => b.takeBar)).toEqual([0, 1, 2]); // asked for while the model hung: silent at their downbeats
    expect(ready.map((b) => b.takeBar)).toEqual([3, 4]); // asked for once it answers again
  }, 20_000);
});
