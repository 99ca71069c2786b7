/** The model card's "## Evaluation" section, written from an evaluation report (only that section is replaced). */
import type { NllRow, SamplingRow } from "./report";
import { nllTable, samplingTable, useTable } from "./tables";

export interface CardInput {
  model: { name: string; version: string; sha256: string };
  command: string;
  pieces: Record<string, number>;
  regions: number;
  candidates: number;
  settings: { temperature: number; topP: number; repetition: number };
  ngram: { order: number; trainedOn: string };
  nll: NllRow[];
  sampling: SamplingRow[];
}

type Metric = { key: keyof SamplingRow; name: string; higherIsBetter: boolean };
const METRICS: Metric[] = [
  { key: "onsetF1", name: "note-onset F1", higherIsBetter: true },
  { key: "pitchClassOverlap", name: "pitch-class overlap", higherIsBetter: true },
  { key: "densityError", name: "density error", higherIsBetter: false },
  { key: "groove", name: "groove similarity", higherIsBetter: true },
  { key: "constraintsMet", name: "constraints met", higherIsBetter: true },
];

/** One line per group and metric where the model is not the best: the honest part of the card. */
export function verdicts(nll: NllRow[], sampling: SamplingRow[]): string[] {
  const out: string[] = [];
  for (const group of [...new Set(nll.map((r) => r.group))]) {
    const model = nll.find((r) => r.group === group && r.method === "model");
    const ngram = nll.find((r) => r.group === group && r.method === "n-gram");
    if (model && ngram)
      out.push(
        model.bitsPerNote < ngram.bitsPerNote
          ? `NLL, ${group}: the model beats the ${ngram.method} (${model.bitsPerNote.toFixed(2)} vs ${ngram.bitsPerNote.toFixed(2)} bits a note).`
          : `NLL, ${group}: the model does **not** beat the ${ngram.method} (${model.bitsPerNote.toFixed(2)} vs ${ngram.bitsPerNote.toFixed(2)} bits a note).`,
      );
  }
  for (const group of [...new Set(sampling.map((r) => r.group))]) {
    const rows = sampling.filter((r) => r.group === group);
    const model = rows.find((r) => r.method === "model");
    if (!model) continue;
    const behind: string[] = [];
    const ahead: string[] = [];
    for (const m of METRICS) {
      const v = model[m.key] as number | null;
      if (v === null) continue;
      const better = (a: number, b: number) => (m.higherIsBetter ? a > b : a < b);
      const rivals = rows.filter((r) => r !== model && r[m.key] !== null);
      if (rivals.length === 0) continue;
      const best = rivals.reduce((a, b) => (better(b[m.key] as number, a[m.key] as number) ? b : a));
      const w = best[m.key] as number;
      if (better(w, v)) behind.push(`${m.name} (${best.method} ${w.toFixed(2)}, model ${v.toFixed(2)})`);
      else if (better(v, w)) ahead.push(`${m.name} (model ${v.toFixed(2)}, best baseline ${w.toFixed(2)})`);
    }
    const parts = [
      behind.length ? `behind a baseline on ${behind.join(", ")}` : "",
      ahead.length ? `ahead on ${ahead.join(", ")}` : "",
    ].filter(Boolean);
    out.push(`Sampling, ${group}: the model is ${parts.join("; ") || "level with the baselines"}.`);
  }
  return out;
}

export function evaluationSection(c: CardInput): string {
  const pieces = Object.entries(c.pieces).map(([s, n]) => `${n} ${s}`).join(" + ");
  return `## Evaluation

Evaluated: ${c.model.name} ${c.model.version}, \`model.onnx\` sha256 \`${c.model.sha256.slice(0, 12)}…\`, on the **valid** splits:
${pieces} pieces, ${c.regions} seeded regions of 2-4 bars, one per task a piece allows: **infill-melody**,
**infill-bass-harmony** (pop909's BRIDGE or PIANO) and **infill-drums** (one track, the others as context),
**infill-multi** (every track) and **continue** (every track, only the bars before as context); ${c.candidates}
candidate(s) a region, sampled at temperature ${c.settings.temperature}, top-p ${c.settings.topP} and repetition
${c.settings.repetition} (the server's defaults). Reproduce with

\`\`\`bash
${c.command}
\`\`\`

**model** is what the server runs: the transformer mixed with the repetition expert (\`models/tokenizer/repetition.ts\`)
at the weights fitted on the training shard (NLL), and at \`repetition\` times them (sampling); **transformer alone**
is the same network without the expert. Compared in the same run (see \`models/eval/README.md\`): an **n-gram** of order ${c.ngram.order} (interpolated
Kneser-Ney) trained on ${c.ngram.trainedOn}, scoring the same FIM sequences; **repeat previous bars** (the region's bars
copied from the bars before it); **random in key** (the context's density, key, pitch range and note lengths).
NLL is in bits a note over the region's tokens only (after MID, EOS included), pooled over regions, split by token
kind. Onset F1: same track and pitch, onset within a sixteenth. Model latency is one \`Inference.generate\` call on
2 CPU threads, on a machine shared with other work (\`npm run bench:inference\` measures decoding on its own).

### Infill NLL (bits per note, lower is better)

${nllTable(c.nll)}

### Sampled regions against the original

${samplingTable(c.sampling)}

### What a user gets, per task

Wrote notes: the share of candidates with notes (every original region has some). Note ratio: the median over
candidates of their notes / the original's. Distinct, onset / pitch distance: over one request's candidates, the share
that differ and the mean pairwise Jaccard distance of their (track, onset) and (track, pitch) multisets (only with two or
more candidates; not for *repeat previous bars*, which gives the same notes every time). Chord tones: the share of
pitched notes whose pitch class is in the harmony at their onset, pop909's \`chord_midi.txt\` where there is one, else
the pitch classes the other tracks sound (the harmony column says which, in regions); the original notes' share in brackets.

${useTable(c.sampling)}

### Where the model stands

${verdicts(c.nll, c.sampling).map((v) => `- ${v}`).join("\n")}
`;
}

/**
 * Replaces the "## Evaluation" section (up to the next "## " heading) or appends one. The old section's "### "
 * subsections that the new one has no heading for (notes written by hand, e.g. what was tried) are kept after it.
 */
export function replaceEvaluation(readme: string, section: string): string {
  const at = readme.indexOf("## Evaluation");
  if (at < 0) return `${readme.trimEnd()}\n\n${section}`;
  const next = readme.indexOf("\n## ", at + 1);
  const old = readme.slice(at, next < 0 ? undefined : next);
  const headings = new Set(section.split("\n").filter((l) => l.startsWith("### ")));
  const kept = old
    .split(/\n(?=### )/)
    .slice(1)
    .filter((sub) => !headings.has(sub.split("\n")[0]));
  const body = kept.length ? `${section.trimEnd()}\n\n${kept.map((k) => k.trimEnd()).join("\n\n")}\n` : section;
  return readme.slice(0, at) + body + (next < 0 ? "" : readme.slice(next));
}
