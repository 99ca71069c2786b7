/**
 * The memory's exponents, fitted on the band's own pieces only: each piece's regions are scored by a memory built
 * from the other pieces (k folds, so a piece never predicts itself), and per grammar state and matched history length
 * the exponent that maximises their likelihood is kept (the state's pooled one where a cell has few steps).
 */
import { openStyleMemory, type StyleMemoryArtifact, type StyleWeights } from "../../server/inference/adaptation/style-memory";
import { productLog2p } from "../../server/inference/adaptation/style-mix";
import { REPETITION_STATES } from "../tokenizer";
import { memorySteps, type MemoryStep, type ScoredRegion } from "./region-steps";

export const EXPONENTS = [0, 0.02, 0.05, 0.1]; // larger exponents fitted on a band's own takes overfit them (README)
const MIN_CELL = 30; // steps a (state, matched length) cell needs to get an exponent of its own

function bestWeight(steps: readonly MemoryStep[]): number {
  let best = { w: 0, ll: -Infinity };
  for (const w of EXPONENTS) {
    let ll = 0;
    for (const s of steps) ll += productLog2p(s.p, s.q, w, s.k);
    if (ll > best.ll) best = { w, ll };
  }
  return best.w;
}

export function fitStyleWeights(steps: readonly MemoryStep[], order: number): StyleWeights {
  const out = {} as StyleWeights;
  for (const state of REPETITION_STATES) {
    const mine = steps.filter((s) => s.state === state);
    const pooled = bestWeight(mine);
    out[state] = Array.from({ length: order }, (_, len) => {
      const cell = mine.filter((s) => s.matched === len);
      return cell.length >= MIN_CELL ? bestWeight(cell) : pooled;
    });
  }
  return out;
}

/** Steps of every region, each scored by a memory without its own piece (`folds` folds over the sources). */
export function heldOutSteps(artifact: StyleMemoryArtifact, regions: readonly ScoredRegion[], folds: number): MemoryStep[] {
  const ids = artifact.sources.map((s) => s.pieceId);
  const k = Math.max(2, Math.min(folds, ids.length));
  const steps: MemoryStep[] = [];
  for (let f = 0; f < k; f++) {
    const out = new Set(ids.filter((_, i) => i % k === f));
    const rest = artifact.sources.filter((s) => !out.has(s.pieceId));
    if (rest.length === 0) continue;
    const memory = openStyleMemory({ ...artifact, sources: rest });
    for (const r of regions) if (out.has(r.pieceId)) steps.push(...memorySteps(r, memory));
  }
  return steps;
}

/** Fitted weights for `artifact` from its sources' scored regions. */
export function fitOnSources(artifact: StyleMemoryArtifact, regions: readonly ScoredRegion[], folds = 5): StyleWeights {
  return fitStyleWeights(heldOutSteps(artifact, regions, folds), artifact.order);
}
