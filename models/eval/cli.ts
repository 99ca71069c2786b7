/**
 * npm run model:eval: infill NLL and sampling metrics of the shipped model next to its baselines (an n-gram on the
 * same tokens, "repeat the bars before", "random notes in the key"), all measured in one run on seeded regions.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { MAX_SEQ_LEN, TOKENIZER_VERSION, VOCAB_SIZE } from "../tokenizer";
import { parseEvalArgs } from "./args";
import { evaluationSection, replaceEvaluation } from "./card";
import { evaluateTask, METHODS } from "./evaluate-task";
import { openModelScorer } from "./model-nll";
import { trainNgram } from "./ngram";
import { listFile, listMidiDir, listSplitCsv } from "./pieces";
import { nllRows, samplingRows, type TaskResult } from "./report";
import { openSampler } from "./sample-model";
import { selectTasks } from "./select";
import { nllTable, samplingTable, useTable } from "./tables";
import { loadTrainTokens } from "./train-data";

const log = (msg: string) => console.error(`[eval] ${msg}`);

async function main(): Promise<void> {
  const opts = parseEvalArgs(process.argv.slice(2));
  const lists = [...opts.midiDirs.map(listMidiDir), ...opts.splitCsvs.map((c) => listSplitCsv(c, opts.split)), ...opts.lists.map(listFile)];
  const { pieces, tasks } = selectTasks(lists, opts.pieces, opts.seed, log);
  log(`${pieces.length} pieces, ${tasks.length} regions`);

  let t0 = performance.now();
  const train = loadTrainTokens(opts.trainBin, opts.trainMidiDir, opts.seed);
  const ngram = trainNgram(train.sequences, opts.ngramOrder, VOCAB_SIZE);
  const ngramSeconds = (performance.now() - t0) / 1000;
  log(`n-gram of order ${opts.ngramOrder} trained in ${ngramSeconds.toFixed(1)} s on ${train.description}`);

  const scorer = opts.model ? await openModelScorer(opts.modelDir, opts.threads) : null;
  const sampler = opts.model ? await openSampler(opts.modelDir, opts.threads) : null;
  const deps = { ngram, scorer, sampler, maxSeqLen: scorer?.manifest.maxSeqLen ?? MAX_SEQ_LEN, seed: opts.seed, sampling: opts };

  const results: TaskResult[] = [];
  t0 = performance.now();
  for (const [i, task] of tasks.entries()) {
    results.push(await evaluateTask(task, deps));
    if ((i + 1) % 10 === 0 || i + 1 === tasks.length) log(`${i + 1}/${tasks.length} regions (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  await scorer?.close();
  await sampler?.close();

  const modelRows = scorer ? [METHODS.model, ...(scorer.manifest.repetition ? [METHODS.transformer] : [])] : [];
  const nll = nllRows(results, [...modelRows, METHODS.ngram]);
  const sampling = samplingRows(results, [...(sampler ? [METHODS.model] : []), METHODS.repeat, METHODS.random]);
  const failures = results.flatMap((r) => r.errors.map((e) => `${r.source}/${r.piece} ${r.task}: ${e}`));
  const model = scorer ? { dir: opts.modelDir, name: scorer.manifest.name, version: scorer.manifest.version, sha256: scorer.manifest.sha256 } : null;
  const counts = Object.fromEntries(lists.map((l) => [l.source, pieces.filter((p) => p.source === l.source).length]));
  const ngramInfo = { order: opts.ngramOrder, smoothing: "interpolated Kneser-Ney", trainedOn: train.description, trainSeconds: ngramSeconds };
  const report = { tokenizer: TOKENIZER_VERSION, model, options: opts, pieces: counts, regions: tasks.length, ngram: ngramInfo, nll, sampling, failures, tasks: results };

  if (opts.out) writeFileSync(opts.out, JSON.stringify(report, null, 2) + "\n");
  if (opts.card && model) {
    const args = process.argv.slice(2).filter((a, i, all) => a !== "--out" && all[i - 1] !== "--out"); // no local paths in the card
    const command = `npm run model:eval -- ${args.join(" ")}`;
    const section = evaluationSection({ model, command, pieces: counts, regions: tasks.length, candidates: opts.candidates, settings: opts, ngram: ngramInfo, nll, sampling });
    writeFileSync(opts.card, replaceEvaluation(readFileSync(opts.card, "utf8"), section));
    log(`wrote the Evaluation section of ${opts.card}`);
  }
  if (opts.json) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  console.log(`### Infill NLL, bits per note on the region's tokens (lower is better)\n\n${nllTable(nll)}\n`);
  console.log(`### Sampled regions against the original (onset tolerance: a sixteenth)\n\n${samplingTable(sampling)}\n`);
  console.log(`### What a user gets, per task (chord tones against the region's harmony; the original's in brackets)\n\n${useTable(sampling)}\n`);
  const sources = Object.entries(counts).map(([s, n]) => `${s} ${n}`).join(", ");
  console.log(
    `${pieces.length} pieces (${sources}), ${tasks.length} regions, seed ${opts.seed}, ${opts.candidates} candidate(s) a region; ` +
      `n-gram: order ${opts.ngramOrder}, interpolated Kneser-Ney, trained on ${train.description}.`,
  );
  if (failures.length) console.log(`\nFailed generations (${failures.length}):\n${failures.map((f) => `- ${f}`).join("\n")}`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
