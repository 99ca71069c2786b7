/**
 * One band of `npm run model:eval-style`: its adapt pieces read, a style memory built from them and its weights fitted
 * on them alone (timed together: what adapting costs), and its held-out regions scored by the model once.
 */
import type { StyleMemoryArtifact } from "../../server/inference/adaptation/style-memory";
import type { OpenedModel } from "../../server/inference/open-model";
import { buildStyleMemory, withWeights } from "../adapt/build-style-memory";
import { fitOnSources } from "../adapt/fit-style-weights";
import { scoreRegion, type ScoredRegion } from "../adapt/region-steps";
import { createRng } from "../prepare/prng";
import { barLength, quarterBeatsPerBar } from "../tokenizer";
import { fimSequence } from "./fim";
import { regionLog2Probs } from "./model-nll";
import { loadPiece, type EvalPiece } from "./pieces";
import { seededOrder, selectTasks } from "./select";
import type { Band } from "./style-bands";
import { pickTasks, type EvalTask } from "./tasks";

export interface TestRegion {
  task: EvalTask;
  scored: ScoredRegion;
  rawBits: number; // the shipped model over its whole vocabulary, as model:eval scores it
}

export interface BandRun {
  band: Band;
  artifact: StyleMemoryArtifact;
  adaptSeconds: number;
  bytes: number; // the artifact as stored (JSON)
  tuneRegions: number;
  test: TestRegion[];
}

export interface BandDeps {
  model: OpenedModel;
  seed: string;
  adaptPieces: number;
  tunePieces: number;
  testPieces: number;
  order: number;
  folds: number;
  log: (m: string) => void;
}

/** A task's region scored by the model; null when the region alone does not fit. */
export async function scoreTask(model: OpenedModel, task: EvalTask): Promise<TestRegion | null> {
  const fim = fimSequence(task, model.manifest.maxSeqLen);
  if (!fim) return null;
  const { logits } = await model.runner.step(BigInt64Array.from(fim.tokens, BigInt), 1, new Float32Array(0), 0);
  const barLen = barLength(quarterBeatsPerBar(task.piece.meta));
  const scored = scoreRegion(model.manifest, logits, fim.tokens, fim.promptLength, barLen, task.piece.id);
  const raw = regionLog2Probs(model.manifest, logits, fim.tokens, fim.promptLength).model;
  return { task, scored, rawBits: -raw.reduce((s, x) => s + x, 0) };
}

/** Pieces too short for a region (groove-midi's fills of a bar or two) are passed over, as the held-out ones are. */
const MIN_BARS = 6;

export function adaptPieces(band: Band, n: number, seed: string, log: (m: string) => void): EvalPiece[] {
  const out: EvalPiece[] = [];
  for (const file of seededOrder({ source: band.name, files: band.adapt }, seed)) {
    if (out.length >= n) break;
    try {
      const p = loadPiece(file, band.name);
      if (p && p.notes.length > 0 && p.bars >= MIN_BARS) out.push(p);
    } catch (e) {
      log(`skipped ${file}: ${(e as Error).message}`);
    }
  }
  return out;
}

/** A band's held-out regions, each scored by the (shipped) model once: what every method is measured on. */
export async function heldOutRegions(band: Band, d: Pick<BandDeps, "model" | "testPieces" | "seed" | "log">): Promise<TestRegion[]> {
  const { tasks } = selectTasks([{ source: band.name, files: band.test }], d.testPieces, d.seed, d.log);
  const test: TestRegion[] = [];
  for (const t of tasks) {
    const r = await scoreTask(d.model, t);
    if (r) test.push(r);
  }
  return test;
}

export async function runBand(band: Band, d: BandDeps): Promise<BandRun | null> {
  const test = await heldOutRegions(band, d);
  if (test.length === 0) return null;

  const t0 = performance.now();
  const pieces = adaptPieces(band, d.adaptPieces, d.seed, d.log);
  const built = buildStyleMemory(pieces, { tokenizer: d.model.manifest.tokenizer, order: d.order });
  const tune: ScoredRegion[] = [];
  for (const p of pieces.slice(0, d.tunePieces))
    for (const t of pickTasks(p, createRng(`${d.seed}/tune/${band.name}/${p.id}`))) {
      const r = await scoreTask(d.model, t);
      if (r) tune.push(r.scored);
    }
  const artifact = withWeights(built, fitOnSources(built, tune, d.folds));
  const adaptSeconds = (performance.now() - t0) / 1000;
  const bytes = Buffer.byteLength(JSON.stringify(artifact));
  d.log(`${band.name}: ${pieces.length} pieces, ${tune.length} tune regions, ${test.length} held-out regions, adapted in ${adaptSeconds.toFixed(1)} s`);
  return { band, artifact, adaptSeconds, bytes, tuneRegions: tune.length, test };
}
