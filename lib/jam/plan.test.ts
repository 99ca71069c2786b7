import { describe, expect, it } from "vitest";
import { barsToAsk, downbeat, jamClock, margin, modelBar, pieceBarOf, sounds, takeBarAt } from "./plan";

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

  it("call and response: the answers only; an answer's first bar one beat before the call ends, the next at the bar before", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((k) => modelBar(callAndResponse, clock, k) !== null)).toEqual([false, false, true, true, false, false, true, true]);
    expect(modelBar(callAndResponse, clock, 2)).toMatchObject({ askAt: 13_500, due: 14_000 });
    expect(modelBar(callAndResponse, clock, 3)).toMatchObject({ askAt: 14_000, due: 16_000 });
  });

  it("lists what to ask for in a span of time, each bar once, in order", () => {
    const asked = [...barsToAsk(accompaniment, clock, 0, 13_000), ...barsToAsk(accompaniment, clock, 13_000, 20_001)];
    expect(asked.map((b) => b.takeBar)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(barsToAsk(callAndResponse, clock, 10_000, 22_000).map((b) => [b.takeBar, b.askAt])).toEqual([
      [2, 13_500],
      [3, 14_000],
      [6, 21_500],
    ]);
  });

  it("a bar that arrives after its downbeat less the lookahead stays silent", () => {
    expect(sounds(13_850, 14_000, 100)).toBe(true);
    expect(sounds(13_950, 14_000, 100)).toBe(false);
    expect([margin(13_700, 14_000), margin(14_100, 14_000)]).toEqual([300, -100]);
  });
});
