/**
 * KV-cache decoding of several candidates in lockstep: the prompt is prefilled once with batch 1, its cache
 * rows are tiled to batch = candidates in ONE preallocated buffer, then every step feeds one token a candidate
 * (finished candidates are fed PAD and ignored). A time limit and an AbortSignal stop it with an error.
 */
import { PAD } from "../../models/tokenizer";
import { InferenceCancelledError, InferenceTimeoutError } from "./errors";
import type { KvLayout, ModelRunner } from "./ort-session";

/** One candidate's choice of tokens (grammar, constraints and sampler behind it). */
/** Prompt tokens per prefill run. */
export const PREFILL_CHUNK = 128;

export interface CandidateDecoder {
  /** The next id from the logits row at `offset`; `room` ids may still be chosen, this one included. */
  choose(logits: Float32Array, offset: number, room: number): number;
  /** Takes the chosen id; true once the candidate has finished (EOS). */
  accept(id: number): boolean;
}

export interface DecodeOptions {
  runner: Pick<ModelRunner, "step">;
  kv: KvLayout;
  vocabSize: number;
  maxSeqLen: number;
  prompt: readonly number[];
  candidates: readonly CandidateDecoder[];
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface DecodeStats {
  steps: number; // model calls after the prefill
  tokens: number; // ids chosen, all candidates together
  prefillMs: number;
}

export async function decodeLockstep(o: DecodeOptions): Promise<DecodeStats> {
  const batch = o.candidates.length;
  const { layers, heads, headDim } = o.kv;
  const block = heads * headDim; // one (kv, layer, batch item) block of a cache row
  const rowB = 2 * layers * batch * block;
  const P = o.prompt.length;
  if (P < 1 || P >= o.maxSeqLen) throw new RangeError(`prompt of ${P} tokens does not fit the model's ${o.maxSeqLen}`);

  const stop = stopper(o.timeoutMs, o.signal);
  try {
    const t0 = performance.now();
    const row1 = 2 * layers * block;
    const prefix = new Float32Array(P * row1); // the batch-1 cache of the prompt
    let last: { logits: Float32Array; rows: number } = { logits: new Float32Array(0), rows: 0 };
    // In chunks: onnxruntime-node runs on the calling thread, so that thread's event loop gets a turn between chunks.
    for (let from = 0; from < P; from += PREFILL_CHUNK) {
      const ids = BigInt64Array.from(o.prompt.slice(from, from + PREFILL_CHUNK), BigInt);
      const out = await stop.race(o.runner.step(ids, 1, prefix, from));
      prefix.set(out.present, from * row1);
      last = { logits: out.logits, rows: ids.length };
    }
    const prefillMs = performance.now() - t0;
    const kv = new Float32Array(o.maxSeqLen * rowB);
    // Tile: row t of the batch-1 cache, block (kv, layer) -> the same block for every batch item.
    for (let t = 0; t < P; t++)
      for (let kl = 0; kl < 2 * layers; kl++) {
        const src = prefix.subarray(t * row1 + kl * block, t * row1 + (kl + 1) * block);
        for (let b = 0; b < batch; b++) kv.set(src, t * rowB + (kl * batch + b) * block);
      }

    let logits: Float32Array = last.logits;
    let offsets = o.candidates.map(() => (last.rows - 1) * o.vocabSize); // every candidate starts from the prompt's last row
    const done = o.candidates.map(() => false);
    const ids = new BigInt64Array(batch);
    let pos = P;
    let steps = 0;
    let tokens = 0;
    for (;;) {
      for (let b = 0; b < batch; b++) {
        if (done[b]) {
          ids[b] = BigInt(PAD);
          continue;
        }
        const id = o.candidates[b].choose(logits, offsets[b], o.maxSeqLen - pos);
        tokens++;
        done[b] = o.candidates[b].accept(id);
        ids[b] = BigInt(id);
      }
      if (done.every(Boolean)) return { steps, tokens, prefillMs };
      if (pos >= o.maxSeqLen) throw new Error(`a candidate did not finish within the model's ${o.maxSeqLen} tokens`);
      stop.check();
      const out = await stop.race(o.runner.step(ids, batch, kv, pos));
      kv.set(out.present, pos * rowB); // only the new row comes back
      logits = out.logits;
      offsets = o.candidates.map((_, b) => b * o.vocabSize);
      pos++;
      steps++;
    }
  } finally {
    stop.dispose();
  }
}

/** Rejects a pending step as soon as the time limit passes or the signal aborts. */
function stopper(timeoutMs: number, signal?: AbortSignal) {
  let reason: Error | null = signal?.aborted ? new InferenceCancelledError() : null;
  let reject: (e: Error) => void = () => {};
  const stopped = new Promise<never>((_, rej) => (reject = rej));
  stopped.catch(() => {});
  const fire = (e: Error) => {
    reason ??= e;
    reject(reason);
  };
  const timer = setTimeout(() => fire(new InferenceTimeoutError(timeoutMs)), timeoutMs);
  const onAbort = () => fire(new InferenceCancelledError());
  signal?.addEventListener("abort", onAbort, { once: true });
  return {
    check() {
      if (reason) throw reason;
    },
    race<T>(p: Promise<T>): Promise<T> {
      if (reason) {
        p.catch(() => {});
        return Promise.reject(reason);
      }
      p.catch(() => {}); // a step abandoned by a stop may still fail later; nobody is waiting for it
      return Promise.race([p, stopped]);
    },
    dispose() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    },
  };
}
