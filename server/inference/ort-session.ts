/** The one file that imports onnxruntime-node: opens a session on an execution provider and runs one step. */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import * as ort from "onnxruntime-node";
import type { SessionValueInfo } from "./manifest";

export type ProviderName = "cpu" | "cuda" | "webgpu";
export type ProviderChoice = ProviderName | "auto";

export interface InferenceLog {
  info(msg: string): void;
  warn(msg: string): void;
}

/** For scripts and tests: a provider's fallback is worth a line on stderr, a model's start is not. */
export const warningsToStderr: InferenceLog = { info: () => {}, warn: (msg) => console.error(msg) };

/** The KV cache layout: rows x [2, layers, batch, heads, headDim]. */
export interface KvLayout {
  layers: number;
  heads: number;
  headDim: number;
}

/** Values in one cache row (one position of one sequence): keys and values of every layer and head. */
export const kvRowValues = (kv: KvLayout): number => 2 * kv.layers * kv.heads * kv.headDim;

/** One forward step: `ids` is [batch, new]; `past` holds `pastRows` rows; returns logits [batch, new, vocab] and the new rows. */
export interface ModelRunner {
  readonly provider: ProviderName;
  readonly inputs: SessionValueInfo[];
  readonly outputs: SessionValueInfo[];
  step(ids: BigInt64Array, batch: number, past: Float32Array, pastRows: number): Promise<{ logits: Float32Array; present: Float32Array }>;
  close(): Promise<void>;
}

export interface OpenSessionOptions {
  modelPath: string;
  /** The .onnx's bytes, when the session should run these instead of the file's (a network patch applied); modelPath then names them. */
  bytes?: Uint8Array;
  provider: ProviderChoice;
  threads: number;
  kv: KvLayout;
  log: InferenceLog;
  /** Checks the session's inputs and outputs before it runs; an error here is final (no fallback). */
  check?: (io: { inputs: SessionValueInfo[]; outputs: SessionValueInfo[] }) => void;
}

/** Whether onnxruntime-node's CUDA provider library was installed next to the binding (it is not bundled). */
export function cudaProviderInstalled(): boolean {
  if (process.platform !== "linux" || process.arch !== "x64") return false;
  const require = createRequire(import.meta.url);
  const dist = path.dirname(require.resolve("onnxruntime-node"));
  return existsSync(path.join(dist, "..", "bin", "napi-v6", "linux", "x64", "libonnxruntime_providers_cuda.so"));
}

/** Providers to try, best first; CPU always ends the list. */
export function providerOrder(choice: ProviderChoice, cudaInstalled: boolean): ProviderName[] {
  // "auto" skips WebGPU: on a headless server Dawn may pick a software adapter slower than the CPU provider.
  if (choice === "auto" || choice === "cuda") return cudaInstalled ? ["cuda", "cpu"] : ["cpu"];
  return choice === "cpu" ? ["cpu"] : [choice, "cpu"];
}

export async function openOrtSession(opts: OpenSessionOptions): Promise<ModelRunner> {
  const cuda = cudaProviderInstalled();
  if (opts.provider === "cuda" && !cuda)
    opts.log.warn("inference: CUDA was requested but onnxruntime-node's CUDA provider is not installed (see server/inference/README.md); using the CPU");
  let lastError: unknown;
  for (const provider of providerOrder(opts.provider, cuda)) {
    let runner: ModelRunner | undefined;
    try {
      runner = await createRunner(opts, provider);
    } catch (e) {
      lastError = e;
      if (provider !== "cpu") opts.log.warn(`inference: execution provider ${provider} failed to load (${(e as Error).message.trim()}); falling back`);
      continue;
    }
    try {
      opts.check?.(runner);
    } catch (e) {
      await runner.close();
      throw e;
    }
    try {
      await probe(runner, opts.kv); // fails here, not on the first request, when a GPU provider loads but cannot run
      return runner;
    } catch (e) {
      await runner.close();
      lastError = e;
      if (provider !== "cpu") opts.log.warn(`inference: execution provider ${provider} failed to run (${(e as Error).message.trim()}); falling back`);
    }
  }
  throw lastError;
}

async function createRunner(opts: OpenSessionOptions, provider: ProviderName): Promise<ModelRunner> {
  const options: ort.InferenceSession.SessionOptions = {
    executionProviders: provider === "cpu" ? ["cpu"] : [provider, "cpu"],
    intraOpNumThreads: opts.threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: "all",
    // The arena keeps the most any run has needed for the session's life (about 13 MB after 200 generations), and
    // without it every step allocates and frees its large tensors anew: under the served allocator settings
    // (MALLOC_MMAP_THRESHOLD_, package.json's dev, serve and start), each one an mmap, its pages faulted in and given
    // back, and a step 3-5x slower (a one-bar infill 1.0-1.9 s against 0.2-0.4 s on a busy 2-core host), too slow
    // for a jam's bars. The KV caches, held by JavaScript, still go back to the system when freed.
    enableCpuMemArena: true,
  };
  const session = await (opts.bytes ? ort.InferenceSession.create(opts.bytes, options) : ort.InferenceSession.create(opts.modelPath, options));
  const info = (meta: readonly ort.InferenceSession.ValueMetadata[]): SessionValueInfo[] =>
    meta.map((m) => ({ name: m.name, shape: m.isTensor ? m.shape.map((d) => (typeof d === "number" && d >= 0 ? d : String(d))) : null }));
  const rowPerBatch = kvRowValues(opts.kv);
  // Steps of concurrent requests take turns on the session: one run at a time, interleaved step by step.
  let queue: Promise<unknown> = Promise.resolve();
  const runOne = async (ids: BigInt64Array, batch: number, past: Float32Array, pastRows: number) => {
    const fresh = ids.length / batch;
    const { layers, heads, headDim } = opts.kv;
    const feeds = {
      input_ids: new ort.Tensor("int64", ids, [batch, fresh]),
      // A prefix view of the caller's preallocated buffer: no copy of the growing cache.
      past_kv: new ort.Tensor("float32", past.subarray(0, pastRows * rowPerBatch * batch), [pastRows, 2, layers, batch, heads, headDim]),
    };
    const out = await session.run(feeds);
    return { logits: out.logits.data as Float32Array, present: out.present_kv.data as Float32Array };
  };
  return {
    provider,
    inputs: info(session.inputMetadata),
    outputs: info(session.outputMetadata),
    step(ids, batch, past, pastRows) {
      const run = queue.then(() => runOne(ids, batch, past, pastRows));
      queue = run.catch(() => {});
      return run;
    },
    close: async () => {
      await queue;
      await session.release();
    },
  };
}

async function probe(runner: ModelRunner, kv: KvLayout): Promise<void> {
  const { present } = await runner.step(new BigInt64Array([1n]), 1, new Float32Array(0), 0);
  const row = kvRowValues(kv);
  if (present.length !== row) throw new Error(`present_kv has ${present.length} values for one token, expected ${row}`);
}
