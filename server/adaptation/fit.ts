/**
 * Fits a style memory's exponents on its own pieces with the shipped model, as `npm run model:eval-style` does for a
 * band (models/eval/style-band-run.ts): a few seeded regions of each piece scored once by the model, then k folds
 * (models/adapt/fit-style-weights.ts). Unfitted, the builder's soft exponents barely move a sample.
 */
import { Worker } from "node:worker_threads";
import type { StyleMemoryArtifact, StyleWeights } from "../inference/adaptation/style-memory";
import { openModel } from "../inference/open-model";
import type { InferenceLog } from "../inference/ort-session";
import { sourceAsEvalPiece, type SourcePiece } from "../../models/adapt/build-style-memory";
import { fitOnSources } from "../../models/adapt/fit-style-weights";
import type { ScoredRegion } from "../../models/adapt/region-steps";
import { scoreTask } from "../../models/eval/style-band-run";
import { pickTasks } from "../../models/eval/tasks";
import { createRng } from "../../models/prepare/prng";

/** Pieces whose regions tune the exponents (as the eval's --tune-pieces): enough for the fit, quick on 2 cores. */
export const TUNE_PIECES = 8;

/** Fitted exponents for `artifact`; `onProgress` hears the share of the tuning pieces scored (0..1). */
export type StyleFitter = (artifact: StyleMemoryArtifact, pieces: readonly SourcePiece[], onProgress?: (share: number) => Promise<void>) => Promise<StyleWeights>;

/** The fit itself, where it runs (fit-worker-impl.ts): the model opened for it and closed after it. */
export async function fitWithModel(
  o: { modelDir: string; log: InferenceLog },
  ...[artifact, pieces, onProgress]: Parameters<StyleFitter>
): Promise<StyleWeights> {
  const model = await openModel(o.modelDir, { provider: "cpu", threads: 1, log: o.log });
  try {
    const tune: ScoredRegion[] = [];
    const chosen = pieces.slice(0, TUNE_PIECES);
    for (const [i, p] of chosen.entries()) {
      for (const task of pickTasks(sourceAsEvalPiece(p), createRng(`adaptation/${p.id}`))) {
        const r = await scoreTask(model, task);
        if (r) tune.push(r.scored);
      }
      await onProgress?.((i + 1) / chosen.length);
    }
    return tune.length > 0 ? fitOnSources(artifact, tune) : artifact.weights;
  } finally {
    await model.runner.close();
  }
}

export type FitMessage = { type: "progress"; share: number } | { type: "done"; weights: StyleWeights } | { type: "error"; message: string };
export interface FitJob {
  modelDir: string;
  artifact: StyleMemoryArtifact;
  pieces: SourcePiece[];
}

/**
 * Each fit on a worker thread of its own (a model pass holds the event loop for up to a second: the app's rooms and
 * jams must not wait), which exits when it is done: adaptations are rare, and the app keeps no second session.
 */
export function createStyleFitter(o: { modelDir: string }): StyleFitter {
  return (artifact, pieces, onProgress) =>
    new Promise<StyleWeights>((resolve, reject) => {
      const job: FitJob = { modelDir: o.modelDir, artifact, pieces: [...pieces] };
      const worker = new Worker(new URL("./fit-worker.mjs", import.meta.url), { workerData: job });
      let progress = Promise.resolve();
      let outcome: FitMessage | null = null;
      worker.on("message", (m: FitMessage) => {
        if (m.type === "progress") progress = progress.then(() => onProgress?.(m.share));
        else {
          outcome = m;
          void worker.terminate(); // its work is done, whatever onnxruntime still holds open
        }
      });
      worker.on("error", (e) => (outcome = { type: "error", message: e.message }));
      // Settled when the thread has gone, after the progress it reported is recorded.
      worker.on("exit", (code) => {
        const end = outcome ?? { type: "error" as const, message: `the fitting thread stopped (exit code ${code})` };
        void progress.then(() => (end.type === "done" ? resolve(end.weights) : reject(new Error(end.type === "error" ? end.message : "no result"))), reject);
      });
    });
}
