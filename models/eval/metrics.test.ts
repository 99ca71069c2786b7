import { describe, expect, it } from "vitest";
import {
  candidateDiversity,
  chordToneShare,
  densityError,
  distinctCount,
  grooveSimilarity,
  inScaleShare,
  jaccardDistance,
  median,
  noteCountRatio,
  onsetF1,
  onsetPattern,
  pitchClassOverlap,
  type EvalNote,
} from "./metrics";

const n = (pitch: number, start: number, track = "a", duration = 120): EvalNote => ({ track, pitch, start, duration });

describe("onsetF1", () => {
  it("matches same track and pitch within the tolerance, each note once", () => {
    const ref = [n(60, 0), n(62, 480), n(64, 960)];
    const est = [n(60, 100), n(62, 700), n(64, 960, "b"), n(60, 0)];
    const s = onsetF1(ref, est, 120);
    expect(s.matched).toBe(1); // 60@0 matches once (by 60@0 or 60@100); 62 is 220 ticks late; 64 is on another track
    expect(s.precision).toBeCloseTo(1 / 4);
    expect(s.recall).toBeCloseTo(1 / 3);
    expect(s.f1).toBeCloseTo((2 * (1 / 4) * (1 / 3)) / (1 / 4 + 1 / 3));
  });

  it("finds the maximum matching when greedy nearest-first would not", () => {
    const ref = [n(60, 0), n(60, 200)];
    const est = [n(60, 100), n(60, 300)];
    expect(onsetF1(ref, est, 120).matched).toBe(2);
  });

  it("is 1 for two empty regions and 0 when only one is empty", () => {
    expect(onsetF1([], [], 120).f1).toBe(1);
    expect(onsetF1([n(60, 0)], [], 120).f1).toBe(0);
    expect(onsetF1([], [n(60, 0)], 120).f1).toBe(0);
  });
});

describe("pitch classes", () => {
  it("overlap is 1 for the same classes in another octave and 0 for disjoint ones", () => {
    expect(pitchClassOverlap([n(60, 0), n(64, 0)], [n(72, 0), n(76, 0)])).toBeCloseTo(1);
    expect(pitchClassOverlap([n(60, 0)], [n(61, 0)])).toBe(0);
    expect(pitchClassOverlap([n(60, 0), n(62, 0)], [n(60, 0)])).toBeCloseTo(0.5);
    expect(pitchClassOverlap([], [n(60, 0)])).toBeNull();
    expect(pitchClassOverlap([n(60, 0)], [])).toBe(0);
  });

  it("in-scale share counts pitch classes in the scale", () => {
    expect(inScaleShare([n(60, 0), n(61, 0), n(62, 0), n(74, 0)], new Set([0, 2, 4, 5, 7, 9, 11]))).toBeCloseTo(0.75);
    expect(inScaleShare([], new Set([0]))).toBeNull();
  });
});

describe("density and groove", () => {
  it("density error is notes per bar", () => {
    expect(densityError([n(60, 0), n(60, 1)], [n(60, 0), n(60, 1), n(60, 2), n(60, 3), n(60, 4), n(60, 5)], 2)).toBe(2);
  });

  const grid = { startTick: 1920, bars: 2, ticksPerBar: 1920, ticksPerStep: 120 };

  it("onset patterns snap to the nearest step and ignore notes outside the bars", () => {
    const p = onsetPattern([n(60, 1920 + 130), n(60, 0), n(60, 1920 * 2 + 480)], grid);
    expect(p[0].map((x, i) => (x ? i : -1)).filter((i) => i >= 0)).toEqual([1]);
    expect(p[1].map((x, i) => (x ? i : -1)).filter((i) => i >= 0)).toEqual([4]);
  });

  it("groove similarity is 1 for the same rhythm on other pitches and drops by one step in sixteen per mismatch", () => {
    const ref = [n(60, 1920), n(60, 1920 + 480), n(60, 3840)];
    expect(grooveSimilarity(ref, ref.map((x) => ({ ...x, pitch: 70 })), grid)).toBe(1);
    const est = [n(60, 1920), n(60, 3840), n(60, 3840 + 240)]; // bar 1 misses one onset, bar 2 has one extra
    expect(grooveSimilarity(ref, est, grid)).toBeCloseTo(1 - 1 / 16);
    expect(grooveSimilarity([], [], grid)).toBe(1);
  });
});

describe("what a user gets", () => {
  it("note-count ratio is the candidate's notes over the original's, null without an original", () => {
    expect(noteCountRatio([n(60, 0), n(62, 0)], [n(60, 0)])).toBe(0.5);
    expect(noteCountRatio([n(60, 0)], [])).toBe(0);
    expect(noteCountRatio([], [n(60, 0)])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it("counts candidates that differ as sets: order aside, a changed length makes another", () => {
    const a = [n(60, 0), n(62, 240)];
    expect(distinctCount([a, [...a].reverse(), [n(60, 0), n(62, 240, "a", 480)], []])).toBe(3);
  });

  it("Jaccard distance counts repeated keys and is 0 for two empty candidates", () => {
    expect(jaccardDistance(["x", "x", "y"], ["x", "y"])).toBeCloseTo(1 - 2 / 3);
    expect(jaccardDistance([], [])).toBe(0);
    expect(jaccardDistance(["x"], [])).toBe(1);
  });

  it("separates rhythm from pitch: the same onsets on other pitches differ in pitch only", () => {
    const a = [n(60, 0), n(62, 480)];
    const b = [n(67, 0), n(69, 480)]; // same rhythm, other pitches
    const c = [n(60, 240), n(62, 720)]; // same pitches, a shifted rhythm
    const d = candidateDiversity([a, b, c])!;
    expect(d.distinct).toBe(1);
    expect(d.onsetDistance).toBeCloseTo((0 + 1 + 1) / 3);
    expect(d.pitchDistance).toBeCloseTo((1 + 0 + 1) / 3);
    expect(candidateDiversity([a, a])).toEqual({ candidates: 2, distinct: 0.5, onsetDistance: 0, pitchDistance: 0 });
    expect(candidateDiversity([a])).toBeNull();
  });

  it("chord-tone share counts the notes heard against a chord, in any octave", () => {
    const cMajorThenNothing = (tick: number) => (tick < 1920 ? new Set([0, 4, 7]) : null);
    expect(chordToneShare([n(72, 0), n(62, 480), n(55, 960), n(61, 1920)], cMajorThenNothing)).toBeCloseTo(2 / 3);
    expect(chordToneShare([n(61, 1920)], cMajorThenNothing)).toBeNull();
    expect(chordToneShare([n(61, 0)], () => new Set())).toBeNull(); // "N": no chord to be a tone of
  });
});
