/** Teacher-forced logits of the shipped model over a whole sequence (one forward pass, empty KV cache). */
import type { ModelManifest } from "../../server/inference/manifest";
import { openModel, type OpenedModel } from "../../server/inference/open-model";
import { warningsToStderr } from "../../server/inference/ort-session";
import { mixedLogProb } from "../tokenizer";
import { log2Softmax, regionBits, type RegionBits } from "./nll";
import { repetitionSteps } from "./repetition-steps";

export interface ModelScorer {
  manifest: ModelManifest;
  /** The shipped system (transformer + repetition expert at its fitted weights) and the transformer alone. */
  score(tokens: number[], promptLength: number): Promise<{ model: RegionBits; transformer: RegionBits }>;
  close(): Promise<void>;
}

/** The shipped model's manifest and a CPU session on it, for teacher-forced passes. */
export function openTeacherForced(modelDir: string, threads: number): Promise<OpenedModel> {
  return openModel(modelDir, { provider: "cpu", threads, log: warningsToStderr });
}

export async function openModelScorer(modelDir: string, threads: number): Promise<ModelScorer> {
  const { manifest, runner } = await openTeacherForced(modelDir, threads);
  const V = manifest.vocabSize;
  return {
    manifest,
    async score(tokens, promptLength) {
      const { logits } = await runner.step(BigInt64Array.from(tokens, BigInt), 1, new Float32Array(0), 0);
      // Row i - 1 predicts token i.
      const log2p = (i: number) => log2Softmax(logits, (i - 1) * V, V, tokens[i]);
      const transformer = regionBits(tokens, promptLength, log2p);
      const lambda = manifest.repetition?.lambda;
      if (!lambda) return { model: transformer, transformer };
      const mixed = new Map<number, number>();
      for (const s of repetitionSteps(tokens, promptLength, (i) => log2p(i) * Math.LN2))
        if (s.kind) mixed.set(s.index, mixedLogProb(s.modelLogProb, s.prediction === null ? null : s.hit, lambda[s.kind]) / Math.LN2);
      return { model: regionBits(tokens, promptLength, (i) => mixed.get(i) ?? log2p(i)), transformer };
    },
    close: () => runner.close(),
  };
}
