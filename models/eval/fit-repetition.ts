/**
 * npm run model:fit-repetition: fits the repetition expert's mixing weights (one λ per grammar state) for the shipped
 * model on seeded sequences of the training shard, teacher-forced, and writes them into its manifest.json.
 *
 *   npm run model:fit-repetition -- [--model-dir models/tandem-fim-v2] [--train-bin models/data/train.bin]
 *                                   [--sequences 300] [--seed fit] [--threads 2] [--dry-run]
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { MID, REPETITION_STATES } from "../tokenizer";
import { createRng } from "../prepare/prng";
import { openTeacherForced } from "./model-nll";
import { log2Softmax } from "./nll";
import { fitLambdas, repetitionSteps, stepBits, type RepetitionStep } from "./repetition-steps";
import { readShard } from "./shard-reader";
import { DEFAULT_MODEL_DIR } from "../../server/inference/default-model";

async function main(): Promise<void> {
  const { values: v } = parseArgs({
    options: {
      "model-dir": { type: "string", default: DEFAULT_MODEL_DIR },
      "train-bin": { type: "string", default: "models/data/train.bin" },
      sequences: { type: "string", default: "300" },
      seed: { type: "string", default: "fit" },
      threads: { type: "string", default: "2" },
      "dry-run": { type: "boolean", default: false },
    },
  });
  const wanted = Number(v.sequences);
  if (!Number.isInteger(wanted) || wanted < 1) throw new Error(`--sequences must be a positive integer, not ${v.sequences}`);
  const { manifest, runner } = await openTeacherForced(v["model-dir"]!, Number(v.threads));
  const shard = readShard(v["train-bin"]!);
  const rng = createRng(`${v.seed}/repetition`);
  const picked = new Set<number>();
  while (picked.size < Math.min(wanted, shard.length)) picked.add(rng.int(0, shard.length - 1));
  const V = manifest.vocabSize;
  const steps: RepetitionStep[] = [];
  const t0 = performance.now();
  for (const i of [...picked].sort((a, b) => a - b)) {
    const tokens = Array.from(shard[i]);
    const promptLength = tokens.indexOf(MID) + 1;
    if (promptLength < 1 || tokens.length > manifest.maxSeqLen) continue;
    const { logits } = await runner.step(BigInt64Array.from(tokens, BigInt), 1, new Float32Array(0), 0);
    steps.push(...repetitionSteps(tokens, promptLength, (j, id) => log2Softmax(logits, (j - 1) * V, V, id) * Math.LN2));
  }
  await runner.close();
  const lambda = fitLambdas(steps);
  const before = stepBits(steps, null) / steps.length;
  const after = stepBits(steps, lambda) / steps.length;
  console.log(`${picked.size} training sequences, ${steps.length} region tokens, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  console.log("| state | tokens | predicted | hit rate | λ |\n|---|--:|--:|--:|--:|");
  for (const k of REPETITION_STATES) {
    const of = steps.filter((s) => s.kind === k);
    const pred = of.filter((s) => s.prediction !== null);
    const hits = pred.filter((s) => s.hit).length;
    console.log(`| ${k} | ${of.length} | ${pred.length} | ${pred.length ? (hits / pred.length).toFixed(2) : "–"} | ${lambda[k].toFixed(2)} |`);
  }
  console.log(`bits a region token on these sequences: ${before.toFixed(3)} (transformer) -> ${after.toFixed(3)} (with the expert)`);
  if (v["dry-run"]) return;
  const file = path.join(v["model-dir"]!, "manifest.json");
  const json = JSON.parse(readFileSync(file, "utf8"));
  // the sampling weights, where a model has them, were chosen by measurement and stay (server/inference/manifest.ts)
  const { sampling, samplingChosen } = json.repetition ?? {};
  json.repetition = { fittedOn: `${picked.size} seeded sequences (seed "${v.seed}") of ${path.basename(v["train-bin"]!)}`, lambda, sampling, samplingChosen };
  writeFileSync(file, JSON.stringify(json, null, 2) + "\n");
  console.log(`wrote repetition weights into ${file}`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
