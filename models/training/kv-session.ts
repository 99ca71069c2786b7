import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as ort from "onnxruntime-node";

/** The parts of manifest.json a caller needs to drive the KV cache. */
export interface ModelManifest {
  name: string;
  tokenizer: string;
  vocabSize: number;
  maxSeqLen: number;
  layers: number;
  heads: number;
  headDim: number;
  sha256: string;
  preset?: string;
  inputs: { name: string; dtype: string; shape: (string | number)[] }[];
  outputs: { name: string; dtype: string; shape: (string | number)[] }[];
}

/**
 * A minimal onnxruntime-node driver for the export contract, for tests and the smoke script (the product's
 * inference lives in server/inference): one growing cache, past dimension first, the model returns only new rows.
 */
export interface KvSession {
  manifest: ModelManifest;
  session: ort.InferenceSession;
  /** Feeds `ids` after `cache` (past rows); returns logits [new x vocab] and the new cache rows. */
  step(ids: number[], cache: Float32Array, past: number, batch?: number): Promise<{ logits: Float32Array; present: Float32Array }>;
  rowSize: number;
}

export async function openKvSession(modelDir: string): Promise<KvSession> {
  const manifest = JSON.parse(readFileSync(join(modelDir, "manifest.json"), "utf8")) as ModelManifest;
  const session = await ort.InferenceSession.create(join(modelDir, "model.onnx"), { intraOpNumThreads: 1 });
  const names = (list: { name: string }[]) => list.map((x) => x.name).join(",");
  if (session.inputNames.join(",") !== names(manifest.inputs) || session.outputNames.join(",") !== names(manifest.outputs))
    throw new Error(`model inputs/outputs ${session.inputNames}/${session.outputNames} do not match manifest.json`);
  const rowSize = 2 * manifest.layers * manifest.heads * manifest.headDim; // one position, batch 1
  return {
    manifest,
    session,
    rowSize,
    async step(ids, cache, past, batch = 1) {
      const n = ids.length / batch;
      const out = await session.run({
        input_ids: new ort.Tensor("int64", BigInt64Array.from(ids.map(BigInt)), [batch, n]),
        past_kv: new ort.Tensor("float32", cache.subarray(0, past * rowSize * batch), [past, 2, manifest.layers, batch, manifest.heads, manifest.headDim]),
      });
      return { logits: out.logits.data as Float32Array, present: out.present_kv.data as Float32Array };
    },
  };
}
