/** The model's candidates for a task, through the server's own Inference.generate (windowing, masks and sampler). */
import type { Note } from "../../lib/doc-schema";
import { createInference } from "../../server/inference";
import { warningsToStderr } from "../../server/inference/ort-session";
import type { Inference, InferenceNetwork } from "../../server/inference/types";
import type { StyleMemoryArtifact } from "../../server/inference/adaptation/style-memory";
import type { EvalTask } from "./tasks";

export type ModelSampler = Inference;

export const openSampler = (modelDir: string, threads: number): Promise<Inference> =>
  createInference({ modelDir, provider: "cpu", threads, log: warningsToStderr });

export interface Sampled {
  candidates: Note[][];
  bitsPerToken: number[];
  latencyMs: number;
  firstNoteMs: (number | null)[]; // per candidate, from the call
}

export async function sampleModel(
  inference: Inference,
  task: EvalTask,
  o: { candidates: number; temperature: number; topP: number; repetition?: number; style?: StyleMemoryArtifact; network?: InferenceNetwork },
  seed: number,
): Promise<Sampled> {
  const t0 = performance.now();
  const firstNoteMs: (number | null)[] = new Array(o.candidates).fill(null);
  const res = await inference.generate({
    mode: task.kind,
    notes: task.context,
    tracks: task.piece.tracks,
    meta: task.piece.meta,
    region: task.region,
    candidates: o.candidates,
    temperature: o.temperature,
    topP: o.topP,
    repetition: o.repetition,
    style: o.style,
    network: o.network,
    seed,
    maxPolyphony: task.maxPolyphony,
    timeoutMs: 60_000,
    onNote: (k) => {
      firstNoteMs[k] ??= performance.now() - t0;
    },
  });
  return { candidates: res.candidates, bitsPerToken: res.bitsPerToken, latencyMs: performance.now() - t0, firstNoteMs };
}
