/** Teacher-forced logits of the shipped model over a whole sequence (one forward pass, empty KV cache). */
import { readFile } from "node:fs/promises";
import { applyNetworkPatch } from "../../server/inference/adaptation/network-patch";
import { loadManifest, type ModelManifest } from "../../server/inference/manifest";
import { openModel, openModelSession, type OpenedModel } from "../../server/inference/open-model";
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

/**
 * The shipped model's manifest and a CPU session on it, for teacher-forced passes; with `patch` (a fine-tune's network
 * patch), the session runs the shipped graph with the patch's weights, applied as the server applies one.
 */
export async function openTeacherForced(modelDir: string, threads: number, patch?: Uint8Array): Promise<OpenedModel> {
  const opts = { provider: "cpu", threads, log: warningsToStderr } as const;
  if (!patch) return openModel(modelDir, opts);
  const { manifest, modelPath } = await loadManifest(modelDir);
  const bytes = applyNetworkPatch(new Uint8Array(await readFile(modelPath)), patch, manifest.sha256);
  return { manifest, modelPath, runner: await openModelSession(manifest, modelPath, opts, bytes) };
}

/**
 * log2 p of each region token (positions from promptLength on; the rest stay 0) under the shipped system (the
 * transformer mixed with the repetition expert at the manifest's weights) and under the transformer alone.
 */
export function regionLog2Probs(manifest: ModelManifest, logits: Float32Array, tokens: readonly number[], promptLength: number) {
  const V = manifest.vocabSize;
  const transformer = new Float64Array(tokens.length);
  // Row i - 1 predicts token i.
  for (let i = promptLength; i < tokens.length; i++) transformer[i] = log2Softmax(logits, (i - 1) * V, V, tokens[i]);
  const model = Float64Array.from(transformer);
  const lambda = manifest.repetition?.lambda;
  if (lambda)
    for (const s of repetitionSteps(tokens, promptLength, (i) => transformer[i] * Math.LN2))
      if (s.kind) model[s.index] = mixedLogProb(s.modelLogProb, s.prediction === null ? null : s.hit, lambda[s.kind]) / Math.LN2;
  return { model, transformer };
}

export async function openModelScorer(modelDir: string, threads: number): Promise<ModelScorer> {
  const { manifest, runner } = await openTeacherForced(modelDir, threads);
  return {
    manifest,
    async score(tokens, promptLength) {
      const { logits } = await runner.step(BigInt64Array.from(tokens, BigInt), 1, new Float32Array(0), 0);
      const p = regionLog2Probs(manifest, logits, tokens, promptLength);
      const transformer = regionBits(tokens, promptLength, (i) => p.transformer[i]);
      if (!manifest.repetition?.lambda) return { model: transformer, transformer };
      return { model: regionBits(tokens, promptLength, (i) => p.model[i]), transformer };
    },
    close: () => runner.close(),
  };
}
