/**
 * For tests: a stand-in for the ONNX session with the same step() contract. Its logits are pseudo-random
 * but depend on every token fed so far, and it checks that the KV cache the decoder passes back holds the rows it
 * returned for a sequence it was fed (tiling included, whichever cache buffer holds them), so decode.ts is tested
 * without a model file.
 */
import { TOKENIZER_VERSION, VOCAB_SIZE } from "../../models/tokenizer";
import type { ModelManifest } from "./manifest";
import type { KvLayout, ModelRunner } from "./ort-session";
import { mulberry32 } from "./sampler";

export const FAKE_KV: KvLayout = { layers: 2, heads: 2, headDim: 4 };

/** The manifest of the fake model (no file behind it). */
export const FAKE_MANIFEST: ModelManifest = {
  name: "fake",
  version: "0",
  tokenizer: TOKENIZER_VERSION,
  vocabSize: VOCAB_SIZE,
  maxSeqLen: 1024,
  maxWindowBars: 16,
  layers: FAKE_KV.layers,
  heads: FAKE_KV.heads,
  headDim: FAKE_KV.headDim,
  dModel: 8,
  inputs: [],
  outputs: [],
  sha256: "0".repeat(64),
  file: "model.onnx",
};

export interface FakeRunner extends ModelRunner {
  calls: number;
}

export function createFakeRunner(opts: { delayMs?: number; vocabSize?: number } = {}): FakeRunner {
  const V = opts.vocabSize ?? VOCAB_SIZE;
  const { layers, heads, headDim } = FAKE_KV;
  const block = heads * headDim;
  const fed = new Set<number>(); // a hash of every sequence fed so far, each of its beginnings included
  const hash = (h: number, id: number) => Math.imul(h ^ (id + 1), 0x01000193) >>> 0;
  const runner: FakeRunner = {
    provider: "cpu",
    inputs: [
      { name: "input_ids", shape: ["batch", "new"] },
      { name: "past_kv", shape: ["past", 2, layers, "batch", heads, headDim] },
    ],
    outputs: [
      { name: "logits", shape: ["batch", "new", V] },
      { name: "present_kv", shape: ["new", 2, layers, "batch", heads, headDim] },
    ],
    calls: 0,
    async step(ids, batch, past, pastRows) {
      runner.calls++;
      if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
      const fresh = ids.length / batch;
      const rowB = 2 * layers * batch * block;
      const logits = new Float32Array(batch * fresh * V);
      const present = new Float32Array(fresh * rowB);
      for (let b = 0; b < batch; b++) {
        // The sequence so far is read back from the cache, which must hold a sequence this model was fed.
        let h = 17;
        fakeCacheIds(past, pastRows, batch, b).forEach((id, t) => {
          h = hash(h, id);
          if (!fed.has(h)) throw new Error(`fake model: cache rows 0-${t} of batch ${b} are no sequence it was fed`);
        });
        for (let i = 0; i < fresh; i++) {
          const id = Number(ids[b * fresh + i]);
          h = hash(h, id);
          fed.add(h);
          for (let kl = 0; kl < 2 * layers; kl++) present.fill(rowValue(id, kl), i * rowB + (kl * batch + b) * block, i * rowB + (kl * batch + b + 1) * block);
          const rng = mulberry32(h);
          for (let v = 0; v < V; v++) logits[(b * fresh + i) * V + v] = rng() * 4;
        }
      }
      return { logits, present };
    },
    close: async () => {},
  };
  return runner;
}

const rowValue = (id: number, kl: number) => id * 16 + kl;

/** The ids a fake model's cache holds for batch item `b` (the first `rows` rows), checking every value of each row. */
export function fakeCacheIds(past: Float32Array, rows: number, batch: number, b: number): number[] {
  const { layers, heads, headDim } = FAKE_KV;
  const block = heads * headDim;
  const rowB = 2 * layers * batch * block;
  return Array.from({ length: rows }, (_, t) => {
    const id = past[t * rowB + b * block] / 16;
    for (let kl = 0; kl < 2 * layers; kl++)
      for (let i = 0; i < block; i++) {
        const got = past[t * rowB + (kl * batch + b) * block + i];
        if (got !== rowValue(id, kl)) throw new Error(`fake model: cache row ${t}, batch ${b}, block ${kl} holds ${got}`);
      }
    return id;
  });
}
