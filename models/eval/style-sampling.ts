/**
 * Sampled regions, base against adapted, for `npm run model:eval-style`: the server's own generate (same seed for
 * both) with and without the band's adaptation (its memory, or its network patch), each candidate scored against the
 * original (score.ts).
 */
import type { InferenceRequest } from "../../server/inference/types";
import { GENERATION_LIMITS } from "../../lib/generation";
import { createRng } from "../prepare/prng";
import { sampleModel, type ModelSampler } from "./sample-model";
import { scoreCandidate } from "./score";
import type { TestRegion } from "./style-band-run";
import type { BandRow, SampledCell } from "./style-report";
import type { EvalTask } from "./tasks";

/** What a generation carries to be adapted, as the server's requests carry it. */
export type Adaptation = Pick<InferenceRequest, "style" | "network">;

/** A band measured: its row of the table, its held-out regions, and its adaptation. */
export interface AdaptedBand {
  row: BandRow;
  test: TestRegion[];
  adaptation: Adaptation;
}

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

export async function sampleRegion(sampler: ModelSampler, task: EvalTask, candidates: number, seed: string, adaptation: Adaptation = {}): Promise<RegionSample> {
  const o = { candidates, temperature: 1, topP: 0.95, repetition: GENERATION_LIMITS.repetition.default, ...adaptation };
  const s = createRng(`${seed}/style-sample/${task.piece.source}/${task.piece.id}/${task.task}`).int(0, 0xfffffff);
  const out = await sampleModel(sampler, task, o, s);
  const scores = out.candidates.map((c) => scoreCandidate(task, c, out.latencyMs, null));
  return {
    f1: mean(scores.map((x) => x.f1)) ?? 0,
    pitchClassOverlap: mean(scores.flatMap((x) => (x.pitchClassOverlap === null ? [] : [x.pitchClassOverlap]))),
  };
}

/** A memo of base samples by task, so a region sampled for its own band is not sampled again for the others. */
function baseSamples(sampler: ModelSampler, candidates: number, seed: string) {
  const memo = new Map<EvalTask, Promise<RegionSample>>();
  return (task: EvalTask) => {
    let p = memo.get(task);
    if (!p) memo.set(task, (p = sampleRegion(sampler, task, candidates, seed)));
    return p;
  };
}

/**
 * Each band's `regions` first held-out regions, and the first of every other band's (so the cost grows with bands, not
 * bands squared times regions), sampled base and adapted; the cells go into the band's row.
 */
export async function sampleBands(sampler: ModelSampler, bands: readonly AdaptedBand[], o: { regions: number; candidates: number; seed: string }, log: (m: string) => void) {
  const base = baseSamples(sampler, o.candidates, o.seed);
  const picked = new Map(bands.map((b) => [b, b.test.slice(0, o.regions).map((t) => t.task)]));
  const t0 = performance.now();
  for (const band of bands) {
    const collect = async (tasks: EvalTask[]) => {
      const b: RegionSample[] = [];
      const a: RegionSample[] = [];
      for (const t of tasks) {
        b.push(await base(t));
        a.push(await sampleRegion(sampler, t, o.candidates, o.seed, band.adaptation));
      }
      return { base: sampledCell(b), adapted: sampledCell(a) };
    };
    const others = bands.filter((x) => x !== band).flatMap((x) => picked.get(x)!.slice(0, 1));
    band.row.sampled = { own: await collect(picked.get(band)!), others: await collect(others) };
    log(`${band.row.band}: sampled (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
}
