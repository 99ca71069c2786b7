/**
 * `npm run model:eval-style --method fine-tune`: per band, the product's fine-tune (models/adapt/product-fine-tune.ts,
 * as finetune-eval --product runs it) and the shipped model with its patch applied as the server applies one, scoring
 * every band's held-out regions; base against adapted, over the ids the decoder may choose, as the memory is measured.
 */
import type { ModelManifest } from "../../server/inference/manifest";
import { fineTuneBand, openProductFineTuner } from "../adapt/product-fine-tune";
import { regionBitsWith } from "../adapt/region-steps";
import type { StyleEvalOptions } from "./eval-style-args";
import { openTeacherForced } from "./model-nll";
import { heldOutRegions, scoreTask, type TestRegion } from "./style-band-run";
import type { Band } from "./style-bands";
import { nllCell } from "./style-report";
import type { AdaptedBand } from "./style-sampling";

export async function fineTuneBands(bands: Band[], o: StyleEvalOptions, log: (m: string) => void): Promise<{ manifest: ModelManifest; adapted: AdaptedBand[] }> {
  const tuner = await openProductFineTuner(o.modelDir, o.threads);
  const base = await openTeacherForced(o.modelDir, o.threads);
  const held: { band: Band; test: TestRegion[] }[] = [];
  for (const band of bands) {
    const test = await heldOutRegions(band, { model: base, log, ...o });
    if (test.length > 0) held.push({ band, test });
    else log(`${band.name}: no held-out region, passed over`);
  }
  await base.runner.close();

  const adapted: AdaptedBand[] = [];
  try {
    for (const { band, test } of held) {
      const tuned = await fineTuneBand(band, tuner, { adaptPieces: o.adaptPieces, seed: o.seed, log });
      const model = await openTeacherForced(o.modelDir, o.threads, tuned.patch ?? undefined);
      const bits = new Map<TestRegion, number>();
      for (const r of held.flatMap((h) => h.test)) {
        // The same window as the base pass: a region that fitted then fits now.
        const again = (await scoreTask(model, r.task))!;
        bits.set(r, regionBitsWith(again.scored, null));
      }
      await model.runner.close();
      const others = held.filter((h) => h.band !== band).flatMap((h) => h.test);
      const row = {
        band: band.name,
        adaptPieces: tuned.pieces,
        tuneRegions: tuned.stats.sequences, // the fine-tune's train sequences: drawn regions, as the memory's tune ones
        own: nllCell(test, (r) => bits.get(r)!),
        others: nllCell(others, (r) => bits.get(r)!),
        adaptSeconds: tuned.adaptSeconds,
        bytes: tuned.patch?.length ?? 0, // the patch, as adaptation_networks stores it; none when no step was kept
      };
      adapted.push({ row, test, adaptation: tuned.patch ? { network: { fingerprint: tuned.fingerprint, patch: tuned.patch } } : {} });
      log(`${band.name}: fine-tuned in ${tuned.adaptSeconds.toFixed(1)} s, ${held.flatMap((h) => h.test).length} regions scored with its patch`);
    }
  } finally {
    tuner.close();
  }
  return { manifest: base.manifest, adapted };
}
