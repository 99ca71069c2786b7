/** One region, every method: NLL (model, n-gram) on its FIM sequence, then candidates from the model and the baselines. */
import type { Note } from "../../lib/doc-schema";
import { createRng } from "../prepare/prng";
import { randomInKey, repeatPreviousBars } from "./baselines";
import { fimSequence } from "./fim";
import type { ModelScorer } from "./model-nll";
import type { NgramModel } from "./ngram";
import { candidateDiversity, chordToneShare } from "./metrics";
import { regionBits } from "./nll";
import type { TaskResult } from "./report";
import { sampleModel, type ModelSampler } from "./sample-model";
import { pitched, scoreCandidate } from "./score";
import type { EvalTask } from "./tasks";

export const METHODS = { model: "model", transformer: "transformer alone", ngram: "n-gram", repeat: "repeat previous bars", random: "random in key" } as const;

export interface EvalDeps {
  ngram: NgramModel;
  scorer: ModelScorer | null;
  sampler: ModelSampler | null;
  maxSeqLen: number;
  seed: string;
  sampling: { candidates: number; temperature: number; topP: number; repetition: number };
}

export async function evaluateTask(task: EvalTask, d: EvalDeps): Promise<TaskResult> {
  const r: TaskResult = {
    source: task.piece.source,
    piece: task.piece.id,
    kind: task.kind,
    task: task.task,
    bars: task.region.endBar - task.region.startBar,
    tracks: task.region.trackIds.length,
    truthNotes: task.truth.length,
    harmony: task.harmony?.source ?? null,
    chordTonesOriginal: task.harmony && chordToneShare(pitched(task, task.truth), task.harmony.at),
    nll: {},
    sampling: {},
    diversity: {},
    errors: [],
  };
  const fim = fimSequence(task, d.maxSeqLen);
  const history = (j: number) => fim!.tokens.slice(Math.max(0, j - d.ngram.order + 1), j);
  r.nll[METHODS.ngram] = fim ? regionBits(fim.tokens, fim.promptLength, (j) => d.ngram.log2Prob(fim.tokens[j], history(j))) : null;
  if (d.scorer) {
    const scored = fim ? await d.scorer.score(fim.tokens, fim.promptLength) : null;
    r.nll[METHODS.model] = scored?.model ?? null;
    if (d.scorer.manifest.repetition) r.nll[METHODS.transformer] = scored?.transformer ?? null;
  }

  const seedOf = (k: number) => `${d.seed}/sample/${task.piece.source}/${task.piece.id}/${task.task}/${k}`;
  if (d.sampler) {
    try {
      const out = await sampleModel(d.sampler, task, d.sampling, createRng(seedOf(0)).int(0, 0xfffffff));
      r.sampling[METHODS.model] = out.candidates.map((c, k) => scoreCandidate(task, c, out.latencyMs, out.firstNoteMs[k]));
      r.diversity[METHODS.model] = candidateDiversity(out.candidates);
    } catch (e) {
      r.errors.push(`model: ${(e as Error).message}`);
    }
  }
  const drums = new Set(task.piece.tracks.filter((t) => t.role === "drums").map((t) => t.id));
  // Repeating the bars before gives the same notes every time: its spread says nothing, so it gets no diversity.
  const baselines = [
    [METHODS.repeat, () => repeatPreviousBars(task.context, task.region, task.ticksPerBar), false],
    [METHODS.random, (k: number) => randomInKey(task.context, task.region, task.ticksPerBar, drums, createRng(seedOf(k))), true],
  ] as const;
  for (const [name, make, varies] of baselines) {
    const candidates: Note[][] = [];
    r.sampling[name] = [];
    for (let k = 0; k < d.sampling.candidates; k++) {
      const t0 = performance.now();
      candidates.push(make(k));
      r.sampling[name].push(scoreCandidate(task, candidates[k], performance.now() - t0, null));
    }
    if (varies) r.diversity[name] = candidateDiversity(candidates);
  }
  return r;
}
