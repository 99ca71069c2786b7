import { describe, expect, it } from "vitest";
import { beatPosition, regularRuns, usualBarLength } from "./beat-grid";
import { foldDrumPitch, grooveBeatsPerBar, quantizeOnsets } from "./groove";
import { alignToBeats } from "./pop909";

describe("beat alignment", () => {
  // beats speeding up: 1 s, then 0.5 s, then 0.5 s apart
  const times = [1, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5];

  it("interpolates between beats and extrapolates past either end", () => {
    expect(beatPosition(times, 1)).toBe(0);
    expect(beatPosition(times, 1.5)).toBe(0.5);
    expect(beatPosition(times, 2.25)).toBe(1.5);
    expect(beatPosition(times, 0.5)).toBe(-0.5);
    expect(beatPosition(times, 6)).toBe(9);
  });

  it("places notes on the 12-a-beat grid from the first downbeat, one segment per run of regular bars", () => {
    const downbeats = [0, 4, 8]; // two 4-beat bars, then a last bar (beat 8 is the 9th and final beat)
    const segments = alignToBeats(
      [
        { track: 0, pitch: 60, startSec: 2.25, endSec: 3.0, velocity: 80 }, // beat 1.5 to 3 -> 18, 18 long
        { track: 2, pitch: 48, startSec: 0.98, endSec: 2.0, velocity: 70 }, // a hair early: snaps to 0
        { track: 1, pitch: 70, startSec: 0.5, endSec: 1.0, velocity: 70 }, // before the first downbeat: dropped
      ],
      { times, downbeats },
    );
    expect(segments).toHaveLength(1);
    expect(segments[0].beatsPerBar).toBe(4);
    expect(segments[0].bars).toBe(2);
    expect(segments[0].notes).toEqual([
      { track: 2, pitch: 48, start: 0, duration: 12, velocity: 70 },
      { track: 0, pitch: 60, start: 18, duration: 18, velocity: 80 },
    ]);
  });

  it("ends a run at a bar of another length", () => {
    expect(usualBarLength([0, 4, 8, 10, 14, 18, 22])).toBe(4);
    expect(regularRuns([0, 4, 8, 10, 14, 18, 22], 4, 26, 2)).toEqual([
      { firstBeat: 0, bars: 2 },
      { firstBeat: 10, bars: 4 },
    ]);
  });
});

describe("groove-midi", () => {
  it("folds Roland articulations to General MIDI drums", () => {
    expect([22, 26, 40, 58, 36, 38].map(foldDrumPitch)).toEqual([42, 46, 38, 43, 36, 38]);
  });

  it("quantizes a straight take to sixteenths and a swung take to triplets", () => {
    expect(quantizeOnsets([0.02, 0.27, 0.49, 0.77, 1.01])).toEqual([0, 3, 6, 9, 12]);
    expect(quantizeOnsets([0.01, 0.65, 1.0, 1.68])).toEqual([0, 8, 12, 20]);
  });

  it("keeps 4/4 and 3/4 takes and skips odd meters", () => {
    expect(grooveBeatsPerBar("drummer1/session1/1_funk_80_beat_4-4.mid")).toBe(4);
    expect(grooveBeatsPerBar("drummer1/session1/2_jazz_120_beat_3-4.mid")).toBe(3);
    expect(grooveBeatsPerBar("drummer1/session1/3_latin_100_beat_6-8.mid")).toBeUndefined();
    expect(grooveBeatsPerBar("drummer1/session1/4_rock_100_fill_5-4.mid")).toBeUndefined();
  });
});
