/**
 * createInference({ modelDir }): loads one model folder (manifest checked, sha256 verified, session I/O checked),
 * opens its ONNX session once on the configured execution provider, and serves infill / continuation; a request with
 * a network patch runs on a session of its own (adaptation/network-sessions.ts).
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import os from "node:os";
import type { Inference } from "./types";
import { createNetworkSessions } from "./adaptation/network-sessions";
import { ModelManifestError } from "./errors";
import { generate } from "./generate";
import { openModel, openModelSession } from "./open-model";
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
  const opts = { provider: cfg.provider ?? "auto", threads, log: cfg.log } as const;
  const { manifest, modelPath, runner } = await openModel(cfg.modelDir, opts);
  cfg.log.info(`inference: ${manifest.name} ${manifest.version} runs on ${runner.provider} (${threads} threads) from ${modelPath}`);

  const deps = { runner, manifest, log: cfg.log };
  const networks = createNetworkSessions({
    base: manifest.sha256,
    readBase: async () => {
      const bytes = await readFile(modelPath);
      const sha = createHash("sha256").update(bytes).digest("hex");
      if (sha !== manifest.sha256.toLowerCase()) throw new ModelManifestError(modelPath, `changed since the server opened it (sha256 ${sha})`);
      return bytes;
    },
    // The provider the shipped session settled on: no second fallback on every patch.
    open: (bytes) => openModelSession(manifest, modelPath, { ...opts, provider: runner.provider }, bytes),
    log: cfg.log,
  });
  let closed = false;
  return {
    models: () => [{ name: manifest.name, version: manifest.version, provider: runner.provider, sha256: manifest.sha256 }],
    generate: async (req) => {
      if (closed) throw new Error("inference: the service is closed");
      if (!req.network) return generate(deps, req);
      return networks.run(req.network, (patched) => generate({ ...deps, runner: patched }, req));
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await Promise.all([networks.close(), runner.close()]);
    },
  };
}

export { InferenceCancelledError, InferenceInputError, InferenceTimeoutError, ModelManifestError, NetworkPatchError } from "./errors";
export type { InferenceLog, ProviderChoice } from "./ort-session";
