import { describe, expect, it } from "vitest";
import { replaceEvaluation, verdicts } from "./card";
import type { NllRow, SamplingRow } from "./report";

const nll = (method: string, bitsPerNote: number): NllRow => ({ group: "all", method, regions: 1, notes: 1, bitsPerNote, onset: 0, duration: 0, pitch: 0, structure: 0 });
const samp = (method: string, onsetF1: number): SamplingRow => ({
  group: "all", method, regions: 1, candidates: 1, onsetF1, precision: 0, recall: 0, pitchClassOverlap: null, inKey: null, densityError: 1,
  groove: 0.5, constraintsMet: 1, pitchRange: 1, tracks: 1, span: 1, polyphony: 1, latencyP50Ms: 1, latencyP95Ms: 1, firstNoteP50Ms: null,
});

describe("verdicts", () => {
  it("says where the model does not beat a baseline", () => {
    const v = verdicts([nll("model", 8), nll("n-gram", 6)], [samp("model", 0.1), samp("repeat previous bars", 0.5)]);
    expect(v[0]).toMatch(/does \*\*not\*\* beat the n-gram/);
    expect(v[1]).toBe("Sampling, all: the model is behind a baseline on note-onset F1 (repeat previous bars 0.50, model 0.10).");
  });

  it("says so when the model wins", () => {
    expect(verdicts([nll("model", 5), nll("n-gram", 6)], [samp("model", 0.9), samp("x", 0.5)])).toEqual([
      "NLL, all: the model beats the n-gram (5.00 vs 6.00 bits a note).",
      "Sampling, all: the model is ahead on note-onset F1 (model 0.90, best baseline 0.50).",
    ]);
  });
});

describe("replaceEvaluation", () => {
  it("replaces only the Evaluation section", () => {
    const card = "# M\n\n## Training\n\nx\n\n## Evaluation\n\nold\n\n## License\n\ny\n";
    expect(replaceEvaluation(card, "## Evaluation\n\nnew\n")).toBe("# M\n\n## Training\n\nx\n\n## Evaluation\n\nnew\n\n## License\n\ny\n");
    expect(replaceEvaluation("# M\n", "## Evaluation\n\nnew\n")).toBe("# M\n\n## Evaluation\n\nnew\n");
  });
});
