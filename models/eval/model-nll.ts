/** Teacher-forced logits of the shipped model over a whole sequence (one forward pass, empty KV cache). */
import { checkSessionIO, loadManifest, type ModelManifest } from "../../server/inference/manifest";
import { openOrtSession, type ModelRunner } from "../../server/inference/ort-session";
import { log2Softmax, regionBits, type RegionBits } from "./nll";

export interface ModelScorer {
  manifest: ModelManifest;
  score(tokens: number[], promptLength: number): Promise<RegionBits>;
  close(): Promise<void>;
}

export async function openModelScorer(modelDir: string, threads: number): Promise<ModelScorer> {
  const { manifest, modelPath } = await loadManifest(modelDir);
  const runner: ModelRunner = await openOrtSession({
    modelPath,
    provider: "cpu",
    threads,
    kv: { layers: manifest.layers, heads: manifest.heads, headDim: manifest.headDim },
    log: { info: () => {}, warn: (m) => console.error(m) },
    check: (io) => checkSessionIO(manifest, io, modelPath),
  });
  const V = manifest.vocabSize;
  return {
    manifest,
    async score(tokens, promptLength) {
      const { logits } = await runner.step(BigInt64Array.from(tokens, BigInt), 1, new Float32Array(0), 0);
      // Row i - 1 predicts token i.
      return regionBits(tokens, promptLength, (i) => log2Softmax(logits, (i - 1) * V, V, tokens[i]));
    },
    close: () => runner.close(),
  };
}
