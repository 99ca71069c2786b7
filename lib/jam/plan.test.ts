import { describe, expect, it } from "vitest";
import { jamContext } from "./context";
import { answerLeadBeats, barsToAsk, downbeat, jamClock, margin, modelBar, opensAnswer, pieceBarOf, sounds, takeBarAt } from "./plan";
import { jamSettingsSchema } from "./settings";

const fourFour = { beatsPerBar: 4, beatUnit: 4 };
const accompaniment = { mode: "accompaniment" as const, callBars: 2, startBar: 8, bars: 4 };
const callAndResponse = { mode: "call-and-response" as const, callBars: 2, startBar: 0, bars: 8 };

describe("the jam's clock", () => {
  it("times bars at the tempo and meter: 4/4 at 120 bpm is 2 s a bar; 6/8 at 120 is 1.5 s", () => {
    const clock = jamClock(10_000, 120, fourFour);
    expect([clock.barMs, clock.beatMs]).toEqual([2000, 500]);
    expect(downbeat(clock, 3)).toBe(16_000);
    expect([takeBarAt(clock, 9_999), takeBarAt(clock, 10_000), takeBarAt(clock, 15_999)]).toEqual([-1, 0, 2]);
    expect(jamClock(0, 120, { beatsPerBar: 6, beatUnit: 8 })).toMatchObject({ barMs: 1500, beatMs: 250 });
  });

  it("plays the loop over and over", () => {
    expect([0, 1, 3, 4, 9].map((k) => pieceBarOf(accompaniment, k))).toEqual([8, 9, 11, 8, 9]);
  });
});

describe("the model's bars", () => {
  const clock = jamClock(10_000, 120, fourFour);

  it("accompaniment: every bar, asked for a whole bar ahead (bar 0 in the count-in)", () => {
    expect(modelBar(accompaniment, clock, 0)).toEqual({ takeBar: 0, pieceBar: 8, askAt: 8_000, due: 10_000 });
    expect(modelBar(accompaniment, clock, 5)).toEqual({ takeBar: 5, pieceBar: 9, askAt: 18_000, due: 20_000 });
  });

  it("call and response: the answers only; an answer's first bar three beats before the call ends at 120 bpm (and again on its last), the next at the bar before", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((k) => modelBar(callAndResponse, clock, k) !== null)).toEqual([false, false, true, true, false, false, true, true]);
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((k) => opensAnswer(callAndResponse, k))).toEqual([false, false, true, false, false, false, true, false]);
    expect(modelBar(callAndResponse, clock, 2)).toMatchObject({ askAt: 12_500, due: 14_000, refineAt: 13_500 }); // and again on the last beat
    expect(modelBar(callAndResponse, clock, 3)).toEqual({ takeBar: 3, pieceBar: 3, askAt: 14_000, due: 16_000 });
    expect(modelBar(callAndResponse, clock, 6)).toMatchObject({ askAt: 20_500, due: 22_000 });
  });

  it("asks an answer's first bar the whole beats that hold the model's lead (1.5 s) before the call ends, within half the call and a bar", () => {
    const lead = (bpm: number, callBars = 2, meter = fourFour) => answerLeadBeats({ callBars }, jamClock(0, bpm, meter));
    expect([40, 60, 100, 120, 140].map((bpm) => lead(bpm))).toEqual([1, 2, 3, 3, 4]);
    const at140 = jamClock(10_000, 140, fourFour);
    expect(modelBar(callAndResponse, at140, 2)!.askAt).toBeCloseTo(downbeat(at140, 2) - 4 * at140.beatMs, 6);
    expect(lead(140, 1)).toBe(2); // a call of one bar: the answer hears at least its first half
    expect(lead(100, 2, { beatsPerBar: 6, beatUnit: 8 })).toBe(5); // eighths of 300 ms: 5 of them make 1.5 s
    expect(lead(140, 2, { beatsPerBar: 6, beatUnit: 8 })).toBe(6); // 7 would: never more than a bar
    expect(lead(140, 2, { beatsPerBar: 2, beatUnit: 4 })).toBe(2); // never more than a bar ahead
    expect(lead(140, 1, { beatsPerBar: 2, beatUnit: 4 })).toBe(1);
    // Asked a beat early, there is no later beat to ask again on.
    expect(modelBar({ ...callAndResponse, callBars: 1 }, jamClock(10_000, 40, fourFour), 1)).not.toHaveProperty("refineAt");
  });

  it("lists what to ask for in a span of time, each bar once, in order", () => {
    const asked = [...barsToAsk(accompaniment, clock, 0, 13_000), ...barsToAsk(accompaniment, clock, 13_000, 20_001)];
    expect(asked.map((b) => b.takeBar)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(barsToAsk(callAndResponse, clock, 10_000, 22_000).map((b) => [b.takeBar, b.askAt])).toEqual([
      [2, 12_500],
      [3, 14_000],
      [6, 20_500],
    ]);
  });

  it("a bar that arrives after its downbeat less the lookahead stays silent", () => {
    expect(sounds(13_850, 14_000, 100)).toBe(true);
    expect(sounds(13_950, 14_000, 100)).toBe(false);
    expect([margin(13_700, 14_000), margin(14_100, 14_000)]).toEqual([300, -100]);
  });
});

describe("what the model hears of the call", () => {
  const clock = jamClock(10_000, 120, fourFour);
  const s = jamSettingsSchema.parse({ ...callAndResponse, bpm: 120, playerTrack: "melody", modelTracks: ["bass"], grid: 120 });
  // The call (take bars 0-1): a note a beat, C D E G E D C G.
  const call = [72, 74, 76, 79, 76, 74, 72, 67].map((pitch, beat) => ({ pitch, velocity: 90, at: clock.startAt + beat * clock.beatMs, ms: 400 }));
  // The piece's own melody ends the call's bars on beat 4: the leader's call takes its place.
  const piece = [{ id: "own", track: "melody", pitch: 60, velocity: 80, start: 7 * 480, duration: 480 }];
  const heard = (takeBar: number, modelBars: { takeBar: number; notes: [] }[] = []) => {
    const bar = modelBar(s, clock, takeBar)!;
    const notes = jamContext(piece, s, clock, fourFour, { played: call, modelBars }, bar.askAt);
    return notes.filter((n) => n.track === "melody").map((n) => [n.pitch, n.start]);
  };

  it("the answer's first bar: the call's first five beats, in place, the last three as rests", () => {
    expect(heard(2)).toEqual(call.slice(0, 5).map((n, beat) => [n.pitch, beat * 480]));
  });

  it("the answer's second bar: the whole call", () => {
    expect(heard(3, [{ takeBar: 2, notes: [] }])).toEqual(call.map((n, beat) => [n.pitch, beat * 480]));
  });

  it("someone playing along: their notes so far, on their track, in place of the piece's there", () => {
    const bar = modelBar(s, clock, 3)!;
    const along = { track: "chords", played: [{ pitch: 48, velocity: 70, at: clock.startAt + 4 * clock.beatMs, ms: 900 }] };
    const own = { id: "own-chord", track: "chords", pitch: 55, velocity: 70, start: 0, duration: 960 };
    const notes = jamContext([...piece, own], s, clock, fourFour, { played: [], alongs: [along], modelBars: [] }, bar.askAt);
    expect(notes.filter((n) => n.track === "chords").map((n) => [n.pitch, n.start, n.duration])).toEqual([[48, 4 * 480, 840]]); // 900 ms is 864 ticks: 840 on the grid
  });
});
