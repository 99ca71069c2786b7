import { describe, expect, it } from "vitest";
import { nllRows, percentile, samplingRows, type TaskResult } from "./report";
import type { CandidateScore } from "./score";

const bits = (notes: number, total: number) => ({ notes, tokens: notes * 3, total, onset: total / 2, duration: 0, pitch: total / 2, structure: 0 });
const cand = (f1: number, ok: boolean, latencyMs = 10): CandidateScore => ({
  notes: 1, precision: f1, recall: f1, f1, pitchClassOverlap: null, inKey: null, densityError: 0, groove: 1,
  constraints: { pitchRange: ok, tracks: true, span: true, polyphony: true, all: ok }, latencyMs, firstNoteMs: null,
});
const result = (source: string, kind: "infill" | "continue", nll: TaskResult["nll"], sampling: TaskResult["sampling"]): TaskResult => ({
  source, piece: "p", kind, bars: 2, tracks: 1, truthNotes: 1, nll, sampling, errors: [],
});

describe("nllRows", () => {
  it("pools bits over notes, on the regions every method scored", () => {
    const rs = [
      result("a", "infill", { m: bits(10, 20), n: bits(10, 40) }, {}),
      result("a", "infill", { m: bits(30, 30), n: bits(30, 90) }, {}),
      result("a", "continue", { m: bits(5, 5), n: null }, {}),
    ];
    const all = nllRows(rs, ["m", "n"]).filter((r) => r.group === "all");
    expect(all.map((r) => [r.method, r.regions, r.notes, r.bitsPerNote])).toEqual([["m", 2, 40, 50 / 40], ["n", 2, 40, 130 / 40]]);
  });
});

describe("samplingRows", () => {
  it("averages candidates within a region, then regions; rates over candidates", () => {
    const rs = [result("a", "infill", {}, { m: [cand(1, true), cand(0, false)] }), result("b", "continue", {}, { m: [cand(0.5, true)] })];
    const rows = samplingRows(rs, ["m"]);
    const all = rows.find((r) => r.group === "all")!;
    expect(all.onsetF1).toBeCloseTo((0.5 + 0.5) / 2);
    expect(all.constraintsMet).toBeCloseTo(2 / 3);
    expect(rows.map((r) => r.group)).toEqual(["all", "a", "b", "infill", "continue"]);
  });
});

describe("percentile", () => {
  it("is the nearest-rank percentile", () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4], 95)).toBe(4);
  });
});
