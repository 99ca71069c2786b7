/**
 * Sampled regions, base against adapted, for `npm run model:eval-style`: the server's own generate (same seed for
 * both) with and without the band's memory, each candidate scored against the original (score.ts).
 */
import type { StyleMemoryArtifact } from "../../server/inference/adaptation/style-memory";
import { GENERATION_LIMITS } from "../../lib/generation";
import { createRng } from "../prepare/prng";
import { sampleModel, type ModelSampler } from "./sample-model";
import { scoreCandidate } from "./score";
import type { SampledCell } from "./style-report";
import type { EvalTask } from "./tasks";

export interface RegionSample {
  f1: number;
  pitchClassOverlap: number | null;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

export function sampledCell(samples: readonly RegionSample[]): SampledCell {
  return {
    regions: samples.length,
    f1: mean(samples.map((s) => s.f1)),
    pitchClassOverlap: mean(samples.flatMap((s) => (s.pitchClassOverlap === null ? [] : [s.pitchClassOverlap]))),
  };
}

export async function sampleRegion(sampler: ModelSampler, task: EvalTask, candidates: number, seed: string, style?: StyleMemoryArtifact): Promise<RegionSample> {
  const o = { candidates, temperature: 1, topP: 0.95, repetition: GENERATION_LIMITS.repetition.default, style };
  const s = createRng(`${seed}/style-sample/${task.piece.source}/${task.piece.id}/${task.task}`).int(0, 0xfffffff);
  const out = await sampleModel(sampler, task, o, s);
  const scores = out.candidates.map((c) => scoreCandidate(task, c, out.latencyMs, null));
  return {
    f1: mean(scores.map((x) => x.f1)) ?? 0,
    pitchClassOverlap: mean(scores.flatMap((x) => (x.pitchClassOverlap === null ? [] : [x.pitchClassOverlap]))),
  };
}

/** A memo of base samples by task, so a region sampled for its own band is not sampled again for the others. */
export function baseSamples(sampler: ModelSampler, candidates: number, seed: string) {
  const memo = new Map<EvalTask, Promise<RegionSample>>();
  return (task: EvalTask) => {
    let p = memo.get(task);
    if (!p) memo.set(task, (p = sampleRegion(sampler, task, candidates, seed)));
    return p;
  };
}
