import { describe, expect, it } from "vitest";
import { nllRows, percentile, samplingRows, type TaskResult } from "./report";
import type { CandidateScore } from "./score";
import type { TaskKind } from "./tasks";

const bits = (notes: number, total: number) => ({ notes, tokens: notes * 3, total, onset: total / 2, duration: 0, pitch: total / 2, structure: 0 });
const cand = (f1: number, ok: boolean, latencyMs = 10, more: Partial<CandidateScore> = {}): CandidateScore => ({
  notes: 1, noteRatio: 1, precision: f1, recall: f1, f1, pitchClassOverlap: null, inKey: null, densityError: 0, groove: 1, chordTones: null,
  constraints: { pitchRange: ok, tracks: true, span: true, polyphony: true, all: ok }, latencyMs, firstNoteMs: null, ...more,
});
const result = (source: string, task: TaskKind, nll: TaskResult["nll"], sampling: TaskResult["sampling"], more: Partial<TaskResult> = {}): TaskResult => ({
  source, piece: "p", kind: task === "continue" ? "continue" : "infill", task, bars: 2, tracks: 1, truthNotes: 1, harmony: null,
  chordTonesOriginal: null, nll, sampling, diversity: {}, errors: [], ...more,
});

describe("nllRows", () => {
  it("pools bits over notes, on the regions every method scored", () => {
    const rs = [
      result("a", "infill-melody", { m: bits(10, 20), n: bits(10, 40) }, {}),
      result("a", "infill-melody", { m: bits(30, 30), n: bits(30, 90) }, {}),
      result("a", "continue", { m: bits(5, 5), n: null }, {}),
    ];
    const all = nllRows(rs, ["m", "n"]).filter((r) => r.group === "all");
    expect(all.map((r) => [r.method, r.regions, r.notes, r.bitsPerNote])).toEqual([["m", 2, 40, 50 / 40], ["n", 2, 40, 130 / 40]]);
  });
});

describe("samplingRows", () => {
  it("averages candidates within a region, then regions; rates over candidates", () => {
    const rs = [result("a", "infill-drums", {}, { m: [cand(1, true), cand(0, false)] }), result("b", "continue", {}, { m: [cand(0.5, true)] })];
    const rows = samplingRows(rs, ["m"]);
    const all = rows.find((r) => r.group === "all")!;
    expect(all.onsetF1).toBeCloseTo((0.5 + 0.5) / 2);
    expect(all.constraintsMet).toBeCloseTo(2 / 3);
    expect(rows.map((r) => r.group)).toEqual(["all", "a", "b", "infill-drums", "continue"]);
  });

  it("reports per task the notes written, the median note ratio, the spread of candidates and chord tones, with their harmony", () => {
    const spread = { candidates: 2, distinct: 1, onsetDistance: 0.5, pitchDistance: 0.25 };
    const rs = [
      result("pop909", "infill-melody", {}, { m: [cand(0, true, 1, { notes: 0, noteRatio: 0, chordTones: null }), cand(0, true, 1, { noteRatio: 2, chordTones: 0.5 })] }, {
        harmony: "chord_midi.txt", chordTonesOriginal: 0.8, diversity: { m: spread },
      }),
      result("pop909", "infill-melody", {}, { m: [cand(0, true, 1, { noteRatio: 1, chordTones: 1 }), cand(0, true, 1, { noteRatio: 1.5, chordTones: 0 })] }, {
        harmony: "other tracks", chordTonesOriginal: 0.6, diversity: { m: { ...spread, distinct: 0.5, onsetDistance: 0, pitchDistance: 0 } },
      }),
      result("pop909", "infill-multi", {}, { m: [cand(0, true)] }),
    ];
    const melody = samplingRows(rs, ["m"]).find((r) => r.group === "infill-melody")!;
    expect(melody).toMatchObject({ regions: 2, candidates: 4, wroteNotes: 0.75, noteRatio: 1.25, distinct: 0.75, onsetDistance: 0.25, pitchDistance: 0.125 });
    expect(melody.chordTones).toBeCloseTo(0.5); // 0.5 (the empty candidate has none), then (1 + 0) / 2
    expect(melody.chordTonesOriginal).toBeCloseTo(0.7);
    expect(melody.harmony).toEqual({ "chord_midi.txt": 1, "other tracks": 1 });
    const multi = samplingRows(rs, ["m"]).find((r) => r.group === "infill-multi")!;
    expect(multi).toMatchObject({ distinct: null, onsetDistance: null, chordTones: null, harmony: {} }); // one candidate: no spread
  });
});

describe("percentile", () => {
  it("is the nearest-rank percentile", () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4], 95)).toBe(4);
  });
});
