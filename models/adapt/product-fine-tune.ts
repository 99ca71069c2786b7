/**
 * The product's fine-tune of a band, as finetune-eval --product and model:eval-style --method fine-tune measure it:
 * server/adaptation/fine-tune.ts's createFineTuner at FINE_TUNE_DEFAULTS (threads apart) on the band's adapt pieces
 * as the app hands them over (SourcePieces), its network patch what the server stores and applies.
 */
import { createFineTuner, type FineTuned, type FineTuner } from "../../server/adaptation/fine-tune";
import { adaptPieces } from "../eval/style-band-run";
import type { Band } from "../eval/style-bands";
import type { EvalPiece } from "../eval/pieces";
import type { SourcePiece } from "./build-style-memory";

export type { FineTuner };

/** The server's fine-tuner for the model in `modelDir`; fails plainly where its python lacks torch or onnx. */
export async function openProductFineTuner(modelDir: string, threads: number): Promise<FineTuner> {
  const tuner = createFineTuner({ modelDir, settings: { threads } });
  const ok = await tuner.available();
  if (!ok.ok) throw new Error(ok.reason);
  return tuner;
}

/** A piece as the app hands one to a build: notes, tracks and meta, no file behind it. */
const asSourcePiece = (p: EvalPiece): SourcePiece => ({ id: p.id, notes: p.notes.map(({ id: _, ...n }) => n), tracks: p.tracks, meta: p.meta });

export interface BandFineTune extends FineTuned {
  pieces: number;
  adaptSeconds: number; // the whole run(): shards, reading, training, writing the patch (the pieces come read)
}

export async function fineTuneBand(band: Band, tuner: FineTuner, o: { adaptPieces: number; seed: string; log: (m: string) => void }): Promise<BandFineTune> {
  const pieces = adaptPieces(band, o.adaptPieces, o.seed, o.log).map(asSourcePiece);
  const t0 = performance.now();
  const tuned = await tuner.run(band.name, pieces, async () => undefined);
  const adaptSeconds = (performance.now() - t0) / 1000;
  o.log(`${band.name}: ${JSON.stringify(tuned.stats)}, ${tuned.patch ? `patch ${tuned.patch.length} bytes` : "no step kept: the model's own network"}`);
  return { ...tuned, pieces: pieces.length, adaptSeconds };
}
