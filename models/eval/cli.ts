/**
 * npm run model:eval: infill NLL and sampling metrics of the shipped model next to its baselines (an n-gram on the
 * same tokens, "repeat the bars before", "random notes in the key"), all measured in one run on seeded regions.
 */
import { writeFileSync } from "node:fs";
import { TOKENIZER_VERSION, VOCAB_SIZE, MAX_SEQ_LEN } from "../tokenizer";
import { createRng } from "../prepare/prng";
import { parseEvalArgs } from "./args";
import { randomInKey, repeatPreviousBars } from "./baselines";
import { fimSequence } from "./fim";
import { openModelScorer, type ModelScorer } from "./model-nll";
import { trainNgram } from "./ngram";
import { regionBits } from "./nll";
import { listFile, listMidiDir, listSplitCsv, loadPiece, type EvalPiece, type FileList } from "./pieces";
import { nllRows, nllTable, samplingRows, samplingTable, type TaskResult } from "./report";
import { sampleModel, openSampler, type ModelSampler } from "./sample-model";
import { scoreCandidate } from "./score";
import { pickTasks, type EvalTask } from "./tasks";
import { loadTrainTokens } from "./train-data";

const log = (msg: string) => console.error(`[eval] ${msg}`);
const METHODS = { model: "model", ngram: "n-gram", repeat: "repeat previous bars", random: "random in key" };

/** A list's files in a seeded random order. */
function draw(list: FileList, seed: string): string[] {
  const rng = createRng(`${seed}/pieces/${list.source}`);
  const files = [...list.files];
  for (let i = files.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [files[i], files[j]] = [files[j], files[i]];
  }
  return files;
}

async function main(): Promise<void> {
  const opts = parseEvalArgs(process.argv.slice(2));
  const lists = [
    ...opts.midiDirs.map(listMidiDir),
    ...opts.splitCsvs.map((c) => listSplitCsv(c, opts.split)),
    ...opts.lists.map(listFile),
  ];

  // --pieces counts pieces that yield a region: short takes (fills of a bar or two) are passed over.
  const pieces: EvalPiece[] = [];
  const tasks: EvalTask[] = [];
  for (const list of lists) {
    let taken = 0;
    for (const file of draw(list, opts.seed)) {
      if (opts.pieces !== undefined && taken >= opts.pieces) break;
      let p: EvalPiece | null;
      try {
        p = loadPiece(file, list.source);
      } catch (e) {
        log(`skipped ${file}: ${(e as Error).message}`);
        continue;
      }
      const picked = p ? pickTasks(p, createRng(`${opts.seed}/regions/${p.source}/${p.id}`)) : [];
      if (!p || picked.length === 0) continue;
      pieces.push(p);
      tasks.push(...picked);
      taken++;
    }
  }
  log(`${pieces.length} pieces, ${tasks.length} regions`);

  let t0 = performance.now();
  const train = loadTrainTokens(opts.trainBin, opts.trainMidiDir, opts.seed);
  const ngram = trainNgram(train.sequences, opts.ngramOrder, VOCAB_SIZE);
  const ngramSeconds = (performance.now() - t0) / 1000;
  log(`n-gram of order ${opts.ngramOrder} trained in ${ngramSeconds.toFixed(1)} s on ${train.description}`);

  let scorer: ModelScorer | null = null;
  let sampler: ModelSampler | null = null;
  if (opts.model) {
    scorer = await openModelScorer(opts.modelDir, opts.threads);
    sampler = await openSampler(opts.modelDir, opts.threads);
  }
  const maxSeqLen = scorer?.manifest.maxSeqLen ?? MAX_SEQ_LEN;

  const results: TaskResult[] = [];
  t0 = performance.now();
  for (const [i, task] of tasks.entries()) {
    const r: TaskResult = {
      source: task.piece.source,
      piece: task.piece.id,
      kind: task.kind,
      bars: task.region.endBar - task.region.startBar,
      tracks: task.region.trackIds.length,
      truthNotes: task.truth.length,
      nll: {},
      sampling: {},
      errors: [],
    };
    const fim = fimSequence(task, maxSeqLen);
    r.nll[METHODS.ngram] = fim ? regionBits(fim.tokens, fim.promptLength, (j) => ngram.log2Prob(fim.tokens[j], fim.tokens.slice(Math.max(0, j - ngram.order + 1), j))) : null;
    if (scorer) r.nll[METHODS.model] = fim ? await scorer.score(fim.tokens, fim.promptLength) : null;

    const seedOf = (k: number) => `${opts.seed}/sample/${task.piece.source}/${task.piece.id}/${task.kind}/${k}`;
    if (sampler) {
      try {
        const out = await sampleModel(sampler, task, opts, createRng(seedOf(0)).int(0, 0xfffffff));
        r.sampling[METHODS.model] = out.candidates.map((c, k) => scoreCandidate(task, c, out.latencyMs, out.firstNoteMs[k]));
      } catch (e) {
        r.errors.push(`model: ${(e as Error).message}`);
      }
    }
    for (const [name, make] of [
      [METHODS.repeat, () => repeatPreviousBars(task.context, task.region, task.ticksPerBar)],
      [METHODS.random, (k: number) => randomInKey(task.context, task.region, task.ticksPerBar, drumTracks(task.piece), createRng(seedOf(k)))],
    ] as const) {
      const scores = [];
      for (let k = 0; k < opts.candidates; k++) {
        const s = performance.now();
        const c = make(k);
        scores.push(scoreCandidate(task, c, performance.now() - s, null));
      }
      r.sampling[name] = scores;
    }
    results.push(r);
    if ((i + 1) % 10 === 0 || i + 1 === tasks.length) log(`${i + 1}/${tasks.length} regions (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  await scorer?.close();
  await sampler?.close();

  const nllMethods = [...(scorer ? [METHODS.model] : []), METHODS.ngram];
  const samplingMethods = [...(sampler ? [METHODS.model] : []), METHODS.repeat, METHODS.random];
  const nll = nllRows(results, nllMethods);
  const sampling = samplingRows(results, samplingMethods);
  const failures = results.flatMap((r) => r.errors.map((e) => `${r.source}/${r.piece} ${r.kind}: ${e}`));
  const report = {
    tokenizer: TOKENIZER_VERSION,
    model: scorer ? { dir: opts.modelDir, name: scorer.manifest.name, version: scorer.manifest.version, sha256: scorer.manifest.sha256 } : null,
    options: { ...opts },
    pieces: Object.fromEntries(lists.map((l) => [l.source, pieces.filter((p) => p.source === l.source).length])),
    regions: tasks.length,
    ngram: { order: opts.ngramOrder, smoothing: "interpolated Kneser-Ney", trainedOn: train.description, trainSeconds: ngramSeconds },
    nll,
    sampling,
    failures,
    tasks: results,
  };
  if (opts.out) writeFileSync(opts.out, JSON.stringify(report, null, 2) + "\n");
  if (opts.json) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  console.log(`### Infill NLL, bits per note on the region's tokens (lower is better)\n\n${nllTable(nll)}\n`);
  console.log(`### Sampled regions against the original (onset tolerance: a sixteenth)\n\n${samplingTable(sampling)}\n`);
  console.log(
    `${pieces.length} pieces (${Object.entries(report.pieces).map(([s, n]) => `${s} ${n}`).join(", ")}), ${tasks.length} regions, seed ${opts.seed}, ` +
      `${opts.candidates} candidate(s) a region; n-gram: order ${opts.ngramOrder}, interpolated Kneser-Ney, trained on ${train.description}.`,
  );
  if (failures.length) console.log(`\nFailed generations (${failures.length}):\n${failures.map((f) => `- ${f}`).join("\n")}`);
}

const drumTracks = (p: EvalPiece) => new Set(p.tracks.filter((t) => t.role === "drums").map((t) => t.id));

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
