/**
 * KV-cache decoding of several candidates in lockstep: the prompt is prefilled once with batch 1, its cache
 * rows are tiled to batch = candidates in ONE preallocated buffer, then every step feeds one token a candidate
 * (finished candidates are fed PAD and ignored). A time limit and an AbortSignal stop it with an error. With guidance,
 * a second prompt (the same without its controls) is decoded beside the first, in a cache of its own.
 */
import { PAD } from "../../models/tokenizer";
import { InferenceCancelledError, InferenceTimeoutError } from "./errors";
import type { KvLayout, ModelRunner } from "./ort-session";

/** Prompt tokens per prefill run. */
export const PREFILL_CHUNK = 128;

/** One candidate's choice of tokens (grammar, constraints and sampler behind it). */
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
  /** Classifier-free guidance (Guidance, below): the prompt without its controls, and the weight of the difference. */
  guidance?: Guidance;
}

/**
 * The same prompt with the controls left out, decoded beside the asked one: each step's logits become
 * u + weight * (c - u), so that what the model learned the controls mean counts `weight` times (1: not at all more).
 * The model was trained with controls dropped at random, so both prompts are ones it knows.
 */
export interface Guidance {
  prompt: readonly number[];
  weight: number;
}

export interface DecodeStats {
  steps: number; // model calls after the prefill
  tokens: number; // ids chosen, all candidates together
  prefillMs: number;
}

export async function decodeLockstep(o: DecodeOptions): Promise<DecodeStats> {
  const batch = o.candidates.length;
  for (const p of [o.prompt, ...(o.guidance ? [o.guidance.prompt] : [])])
    if (p.length < 1 || p.length >= o.maxSeqLen) throw new RangeError(`prompt of ${p.length} tokens does not fit the model's ${o.maxSeqLen}`);

  const stop = stopper(o.timeoutMs, o.signal);
  try {
    const t0 = performance.now();
    const asked = await prefill(o, o.prompt, null, stop);
    const free = o.guidance ? await prefill(o, o.guidance.prompt, asked, stop) : null;
    const prefillMs = performance.now() - t0;
    const lanes = free ? [asked, free] : [asked];
    const mixed = free ? new Float32Array(batch * o.vocabSize) : null;

    let logits: Float32Array = asked.logits;
    let offsets = o.candidates.map(() => asked.lastRow * o.vocabSize); // every candidate starts from the prompt's last row
    if (free && mixed) {
      logits = guide(mixed.subarray(0, o.vocabSize), asked.logits.subarray(offsets[0]), free.logits.subarray(free.lastRow * o.vocabSize), o.guidance!.weight);
      offsets = offsets.map(() => 0);
    }
    const done = o.candidates.map(() => false);
    const ids = new BigInt64Array(batch);
    let steps = 0;
    let tokens = 0;
    for (;;) {
      for (let b = 0; b < batch; b++) {
        if (done[b]) {
          ids[b] = BigInt(PAD);
          continue;
        }
        const id = o.candidates[b].choose(logits, offsets[b], o.maxSeqLen - asked.pos);
        tokens++;
        done[b] = o.candidates[b].accept(id);
        ids[b] = BigInt(id);
      }
      if (done.every(Boolean)) return { steps, tokens, prefillMs };
      if (asked.pos >= o.maxSeqLen) throw new Error(`a candidate did not finish within the model's ${o.maxSeqLen} tokens`);
      const outs: Float32Array[] = [];
      for (const lane of lanes) {
        stop.check();
        const out = await stop.race(o.runner.step(ids, batch, lane.kv, lane.pos));
        lane.kv.set(out.present, lane.pos * lane.rowB); // only the new row comes back
        lane.pos++;
        outs.push(out.logits);
      }
      logits = mixed ? guide(mixed, outs[0], outs[1], o.guidance!.weight) : outs[0];
      offsets = o.candidates.map((_, b) => b * o.vocabSize);
      steps++;
    }
  } finally {
    stop.dispose();
  }
}

/** One prompt's cache, tiled to the batch: the next step writes row `pos`; `logits` end with the prompt's last row. */
interface Lane {
  kv: Float32Array;
  rowB: number; // values in one row of the tiled cache
  pos: number;
  logits: Float32Array;
  lastRow: number; // the prompt's last row in `logits`
  /** The batch-1 cache of the prompt, and the prompt. */
  prefix: Float32Array;
  prompt: readonly number[];
}

/**
 * Prefills `prompt` into a batch-1 cache, then tiles it to every candidate in ONE preallocated buffer. With `shared`
 * (another lane), the rows of the prompts' common beginning are copied from it rather than run again.
 */
async function prefill(o: DecodeOptions, prompt: readonly number[], shared: Lane | null, stop: ReturnType<typeof stopper>): Promise<Lane> {
  const batch = o.candidates.length;
  const { layers, heads, headDim } = o.kv;
  const block = heads * headDim; // one (kv, layer, batch item) block of a cache row
  const row1 = 2 * layers * block;
  const rowB = row1 * batch;
  const P = prompt.length;
  const prefix = new Float32Array(P * row1);
  let same = 0;
  if (shared) {
    while (same < P - 1 && same < shared.prompt.length && prompt[same] === shared.prompt[same]) same++; // the last id runs: its logits are wanted
    prefix.set(shared.prefix.subarray(0, same * row1));
  }
  let last: { logits: Float32Array; rows: number } = { logits: new Float32Array(0), rows: 0 };
  // In chunks: onnxruntime-node runs on the calling thread, so that thread's event loop gets a turn between chunks.
  for (let from = same; from < P; from += PREFILL_CHUNK) {
    const ids = BigInt64Array.from(prompt.slice(from, from + PREFILL_CHUNK), BigInt);
    const out = await stop.race(o.runner.step(ids, 1, prefix, from));
    prefix.set(out.present, from * row1);
    last = { logits: out.logits, rows: ids.length };
  }
  const kv = new Float32Array(o.maxSeqLen * rowB);
  // Tile: row t of the batch-1 cache, block (kv, layer) -> the same block for every batch item.
  for (let t = 0; t < P; t++)
    for (let kl = 0; kl < 2 * layers; kl++) {
      const src = prefix.subarray(t * row1 + kl * block, t * row1 + (kl + 1) * block);
      for (let b = 0; b < batch; b++) kv.set(src, t * rowB + (kl * batch + b) * block);
    }
  return { kv, rowB, pos: P, logits: last.logits, lastRow: last.rows - 1, prefix, prompt };
}

/** Classifier-free guidance into `out`: u + weight * (c - u), row by row (softmax is blind to each row's offset). */
export function guide(out: Float32Array, c: Float32Array, u: Float32Array, weight: number): Float32Array {
  for (let i = 0; i < out.length; i++) out[i] = u[i] + weight * (c[i] - u[i]);
  return out;
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
