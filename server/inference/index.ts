/**
 * createInference({ modelDir }): loads one model folder (manifest checked, sha256 verified, session I/O checked),
 * opens its ONNX session once on the configured execution provider, and serves infill / continuation.
 */
import os from "node:os";
import type { Inference } from "./types";
import { generate } from "./generate";
import { openModel } from "./open-model";
import type { InferenceLog, ProviderChoice } from "./ort-session";

export interface InferenceConfig {
  modelDir: string;
  provider?: ProviderChoice; // default "auto": CUDA when its provider is installed, else CPU
  log: InferenceLog;
  threads?: number; // intra-op threads of the session; default: half the cores, at most 4
}

export async function createInference(cfg: InferenceConfig): Promise<Inference> {
  // Half the cores (at most 4): the session shares the machine with the web and collab server, and on the 2-core
  // host 1 thread ran batch-3 steps faster than 2 (9 vs 25 ms) while other work was running.
  const threads = cfg.threads ?? Math.max(1, Math.min(4, Math.floor(os.availableParallelism() / 2)));
  const { manifest, modelPath, runner } = await openModel(cfg.modelDir, { provider: cfg.provider ?? "auto", threads, log: cfg.log });
  cfg.log.info(`inference: ${manifest.name} ${manifest.version} runs on ${runner.provider} (${threads} threads) from ${modelPath}`);

  const deps = { runner, manifest, log: cfg.log };
  let closed = false;
  return {
    models: () => [{ name: manifest.name, version: manifest.version, provider: runner.provider, sha256: manifest.sha256 }],
    generate: async (req) => {
      if (closed) throw new Error("inference: the service is closed");
      return generate(deps, req);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await runner.close();
    },
  };
}

export { InferenceCancelledError, InferenceInputError, InferenceTimeoutError, ModelManifestError } from "./errors";
export type { InferenceLog, ProviderChoice } from "./ort-session";
