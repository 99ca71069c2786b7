/**
 * A model folder opened for inference: its manifest checked and the .onnx's sha256 verified (manifest.ts), then a
 * session on it (ort-session.ts) whose inputs and outputs must be the manifest's. The server, model:eval, the
 * benches and the training scripts all open models here.
 */
import { ModelManifestError } from "./errors";
import { checkSessionIO, loadManifest, type ModelManifest } from "./manifest";
import { openOrtSession, type InferenceLog, type ModelRunner, type ProviderChoice } from "./ort-session";

export interface OpenModelOptions {
  provider: ProviderChoice;
  threads: number;
  log: InferenceLog;
}

export interface OpenedModel {
  manifest: ModelManifest;
  modelPath: string;
  runner: ModelRunner;
}

/** Any failure names the file at fault: a ModelManifestError, also when onnxruntime cannot run the model. */
export async function openModel(modelDir: string, opts: OpenModelOptions): Promise<OpenedModel> {
  const { manifest, modelPath } = await loadManifest(modelDir);
  try {
    const runner = await openOrtSession({
      modelPath,
      provider: opts.provider,
      threads: opts.threads,
      kv: { layers: manifest.layers, heads: manifest.heads, headDim: manifest.headDim },
      log: opts.log,
      check: (io) => checkSessionIO(manifest, io, modelPath),
    });
    return { manifest, modelPath, runner };
  } catch (e) {
    if (e instanceof ModelManifestError) throw e;
    throw new ModelManifestError(modelPath, `cannot be run (${(e as Error).message})`);
  }
}
