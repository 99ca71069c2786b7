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
  return { manifest, modelPath, runner: await openModelSession(manifest, modelPath, opts) };
}

/** A session on a checked model; with `bytes`, on those instead of the file's (its graph with other weights). */
export async function openModelSession(manifest: ModelManifest, modelPath: string, opts: OpenModelOptions, bytes?: Uint8Array): Promise<ModelRunner> {
  try {
    return await openOrtSession({
      modelPath,
      bytes,
      provider: opts.provider,
      threads: opts.threads,
      kv: { layers: manifest.layers, heads: manifest.heads, headDim: manifest.headDim },
      log: opts.log,
      check: (io) => checkSessionIO(manifest, io, modelPath),
    });
  } catch (e) {
    if (e instanceof ModelManifestError) throw e;
    throw new ModelManifestError(modelPath, `cannot be run${bytes ? " with a network patch" : ""} (${(e as Error).message})`);
  }
}
