/**
 * The rehearsal pieces shipped beside the model (models/adapt/rehearsal/): train pieces of other styles that every
 * band's fine-tune (models/adapt/adapt_network.py) also trains on for one pass, and guard pieces it must not get worse
 * on, so a band's fine-tune does not forget the rest (README, "Model 2"). Only TRAIN-split files are read.
 *
 *   npx tsx models/adapt/write-rehearsal.ts [--model-dir models/tandem-fim-v2] [--out models/adapt/rehearsal]
 */
import { writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parseArgs } from "node:util";
import { loadManifest } from "../../server/inference/manifest";
import { datasetsDir } from "../prepare/datasets-dir";
import type { EvalPiece } from "../eval/pieces";
import { adaptPieces } from "../eval/style-band-run";
import { allBands } from "../eval/style-bands";
import { TOKENIZER_VERSION } from "../tokenizer";
import { splitRehearsal, writeRehearsalShards } from "./finetune-shards";

/** The bands of the measured rehearsal: none is a band the guard was tested against, and their licenses allow shipping. */
const BANDS = ["drummer2", "drummer6", "drummer7", "drummer8", "pop909 046+"];
const PIECES_PER_BAND = 6; // 3 to train on, 3 to guard

const LICENSES = {
  "groove-midi": {
    license: "CC BY 4.0",
    attribution:
      'Groove MIDI Dataset v1.0.0 (Magenta): Jon Gillick, Adam Roberts, Jesse Engel, Douglas Eck, David Bamman, "Learning to Groove with Inverse Sequence Transformations", ICML 2019',
  },
  pop909: {
    license: "MIT",
    attribution:
      'POP909 (github.com/music-x-lab/POP909-Dataset, Copyright (c) 2020 Music X Lab): Ziyu Wang, Ke Chen, Junyan Jiang, Yiyi Zhang, Maoran Xu, Shuqi Dai, Xianbin Gu, Gus Xia, "POP909: A Pop-song Dataset for Music Arrangement Generation", ISMIR 2020',
  },
};

const { values: v } = parseArgs({
  options: {
    "model-dir": { type: "string", default: "models/tandem-fim-v2" },
    out: { type: "string", default: "models/adapt/rehearsal" },
    seed: { type: "string", default: "1" },
  },
});

/** The piece's file in the datasets folder, from the id its loader gives it (groove: the take's path; pop909: the song). */
const fileOf = (p: EvalPiece) => (p.loader === "groove" ? `groove-midi/${p.id}` : `pop909/POP909/${p.id}/${p.id}.mid`);

async function main(): Promise<void> {
  const datasets = datasetsDir();
  const { manifest } = await loadManifest(v["model-dir"]!);
  if (manifest.tokenizer !== TOKENIZER_VERSION) throw new Error(`the model reads ${manifest.tokenizer}, this tokenizer writes ${TOKENIZER_VERSION}`);
  const all = allBands(datasets);
  const pieces: { piece: EvalPiece; band: string; dataset: keyof typeof LICENSES }[] = [];
  for (const name of BANDS) {
    const band = all.find((b) => b.name === name) ?? fail(`no band "${name}" in ${datasets}`);
    // adaptPieces draws from the band's train split only (style-bands.ts), never valid or test
    for (const piece of adaptPieces(band, PIECES_PER_BAND, v.seed!, (m) => console.error(m)))
      pieces.push({ piece, band: name, dataset: band.source as keyof typeof LICENSES });
  }
  // Split as finetune-eval's --rehearse split them (writeBandShards): every other piece of the whole list trains
  const { train, guard } = await writeRehearsalShards(
    pieces.map((p) => p.piece),
    { dir: v.out!, seed: v.seed!, maxSeqLen: manifest.maxSeqLen, vocabSize: manifest.vocabSize },
  );
  const inTrain = new Set(splitRehearsal(pieces.map((p) => p.piece)).train);
  const sources = pieces.map((p) => ({ file: fileOf(p.piece), dataset: p.dataset, split: "train", band: p.band, shard: inTrain.has(p.piece) ? "train" : "guard" }));
  const meta = {
    kind: "rehearsal",
    tokenizer: TOKENIZER_VERSION,
    model: { name: manifest.name, version: manifest.version, vocabSize: manifest.vocabSize, maxSeqLen: manifest.maxSeqLen },
    seed: v.seed,
    bands: BANDS,
    piecesPerBand: PIECES_PER_BAND,
    shards: { train, guard },
    sources,
    licenses: LICENSES,
    command: `npx tsx models/adapt/write-rehearsal.ts --model-dir ${v["model-dir"]} --out ${v.out} --seed ${v.seed}`,
  };
  writeFileSync(join(v.out!, "meta.json"), `${JSON.stringify(meta, null, 2)}\n`);
  console.error(`wrote ${relative(process.cwd(), v.out!)}: train ${train.sequences} sequences (${train.tokens} tokens), guard ${guard.sequences} (${guard.tokens})`);
}

const fail = (m: string): never => {
  throw new Error(m);
};

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
