import { describe, expect, it } from "vitest";
import { evaluationSection, replaceEvaluation, verdicts, type CardInput } from "./card";
import type { NllRow, SamplingRow } from "./report";

const nll = (method: string, bitsPerNote: number): NllRow => ({ group: "all", method, regions: 1, notes: 1, bitsPerNote, onset: 0, duration: 0, pitch: 0, structure: 0 });
const samp = (method: string, onsetF1: number, more: Partial<SamplingRow> = {}): SamplingRow => ({
  group: "all", method, regions: 1, candidates: 1, onsetF1, precision: 0, recall: 0, pitchClassOverlap: null, inKey: null, densityError: 1,
  groove: 0.5, wroteNotes: 1, noteRatio: 1, distinct: null, onsetDistance: null, pitchDistance: null, chordTones: null, chordTonesOriginal: null,
  harmony: {}, constraintsMet: 1, pitchRange: 1, tracks: 1, span: 1, polyphony: 1, latencyP50Ms: 1, latencyP95Ms: 1, firstNoteP50Ms: null, ...more,
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

describe("evaluationSection", () => {
  const input = (sampling: SamplingRow[]): CardInput => ({
    model: { name: "tandem-fim", version: "9.9.9", sha256: "abcdef0123456789" },
    command: "npm run model:eval -- --pieces 2",
    pieces: { pop909: 2 },
    regions: 8,
    candidates: 3,
    settings: { temperature: 1, topP: 0.95, repetition: 3 },
    ngram: { order: 5, trainedOn: "train.bin" },
    nll: [nll("model", 5), nll("n-gram", 6)],
    sampling,
  });

  it("shows, for every task, the notes written, note ratio, spread and chord tones with their harmony", () => {
    const melody = samp("model", 0.3, {
      group: "infill-melody", regions: 2, candidates: 6, wroteNotes: 5 / 6, noteRatio: 1.05, distinct: 1, onsetDistance: 0.62, pitchDistance: 0.41,
      chordTones: 0.71, chordTonesOriginal: 0.75, harmony: { "chord_midi.txt": 2 },
    });
    const drums = samp("random in key", 0.2, { group: "infill-drums", wroteNotes: 0.5, noteRatio: null, harmony: {} });
    const section = evaluationSection(input([melody, drums]));
    expect(section).toContain("| group | method | regions | candidates | wrote notes | note ratio (median) | distinct | onset / pitch distance | chord tones (original) | harmony |");
    expect(section).toContain("| infill-melody | model | 2 | 6 | 83% | 1.05 | 100% | 0.62 / 0.41 | **0.71** (0.75) | chord_midi.txt 2 |");
    expect(section).toContain("| infill-drums | random in key | 1 | 1 | 50% | – | – | – / – | **–** (–) | – |");
    expect(section).toMatch(/\*\*infill-melody\*\*,\n\*\*infill-bass-harmony\*\*/);
    expect(section.indexOf("### What a user gets, per task")).toBeLessThan(section.indexOf("### Where the model stands"));
  });

  it("goes into a card in place of the old section, the rest of the card kept", () => {
    const card = replaceEvaluation("# M\n\n## Evaluation\n\nold\n\n## License\n\ny\n", evaluationSection(input([samp("model", 0.3)])));
    expect(card).not.toContain("old");
    expect(card).toContain("| all | model | 1 | 1 | 100% | 1.00 | – | – / – | **–** (–) | – |");
    expect(card.endsWith("\n## License\n\ny\n")).toBe(true);
  });
});

describe("replaceEvaluation", () => {
  it("replaces only the Evaluation section", () => {
    const card = "# M\n\n## Training\n\nx\n\n## Evaluation\n\nold\n\n## License\n\ny\n";
    expect(replaceEvaluation(card, "## Evaluation\n\nnew\n")).toBe("# M\n\n## Training\n\nx\n\n## Evaluation\n\nnew\n\n## License\n\ny\n");
    expect(replaceEvaluation("# M\n", "## Evaluation\n\nnew\n")).toBe("# M\n\n## Evaluation\n\nnew\n");
  });

  it("keeps the hand-written subsections the new section does not write", () => {
    const card = "# M\n\n## Evaluation\n\nold\n\n### Tables\n\nold table\n\n### What was tried\n\nnotes\n\n## License\n\ny\n";
    expect(replaceEvaluation(card, "## Evaluation\n\nnew\n\n### Tables\n\nnew table\n")).toBe(
      "# M\n\n## Evaluation\n\nnew\n\n### Tables\n\nnew table\n\n### What was tried\n\nnotes\n\n## License\n\ny\n",
    );
  });
});
