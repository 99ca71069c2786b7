/**
 * npm run bench:inference: decode speed of the shipped model and end-to-end infill latency, each next to a named
 * baseline measured in the same run (recomputing the whole sequence each step; PyTorch eager on the same weights;
 * a mood asked with guidance against the same without).
 *
 *   npm run bench:inference -- [--model-dir models/tandem-fim-v2] [--piece FILE] [--runs 9] [--threads 2]
 *                              [--ckpt models/training/runs/<preset>/ckpt.pt] [--json]
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { fimSequence } from "../models/eval/fim";
import { loadPiece } from "../models/eval/pieces";
import { percentile } from "../models/eval/report";
import { makeTask, type EvalTask } from "../models/eval/tasks";
import { createInference } from "../server/inference";
import type { InferenceRequest } from "../server/inference/types";
import { MOODS } from "../lib/controls";
import type { ModelManifest } from "../server/inference/manifest";
import { openModel } from "../server/inference/open-model";
import { kvRowValues, warningsToStderr, type ModelRunner } from "../server/inference/ort-session";
import { datasetsDir } from "../models/prepare/datasets-dir";
import { DEFAULT_MODEL_DIR } from "../server/inference/default-model";

const TARGET_INFILL_P50_MS = 1500;
const TARGET_FIRST_NOTE_MS = 300;
const RECOMPUTE_STEPS = 24; // recomputing is slow: time it on the first steps only, and KV decoding on the same steps
const TORCH_STEPS = 128; // PyTorch eager decodes the first region tokens; onnxruntime's times on the same steps are compared

const { values: args } = parseArgs({
  options: {
    "model-dir": { type: "string", default: DEFAULT_MODEL_DIR },
    piece: { type: "string" },
    runs: { type: "string", default: "9" },
    threads: { type: "string", default: String(Math.max(1, Math.min(4, os.availableParallelism()))) },
    ckpt: { type: "string" },
    python: { type: "string", default: "/usr/bin/python3" },
    json: { type: "boolean", default: false },
  },
});
const runs = Number(args.runs);
const threads = Number(args.threads);
const log = (m: string) => console.error(`[bench] ${m}`);

/** A 4-bar infill over all three pop909 tracks, in the middle of the song (bars 16-20). */
function workload(): EvalTask {
  args.piece ??= path.join(datasetsDir(), "pop909/POP909/003/003.mid");
  const piece = loadPiece(path.resolve(args.piece), "bench");
  if (!piece) throw new Error(`${args.piece}: not a piece the model reads`);
  const startBar = Math.min(16, Math.max(0, piece.bars - 8));
  const task = makeTask(piece, "infill", { startBar, endBar: startBar + 4, pitchLo: 0, pitchHi: 127, trackIds: piece.tracks.map((t) => t.id) });
  if (!task) throw new Error(`${args.piece}: bars ${startBar}-${startBar + 4} are empty`);
  return task;
}

/** Times `steps` one-token KV-cache steps after a prefill, into one preallocated cache buffer. */
async function kvDecode(runner: ModelRunner, m: ModelManifest, prompt: number[], steps: number[]) {
  const row = kvRowValues(m);
  const kv = new Float32Array(m.maxSeqLen * row);
  let t0 = performance.now();
  const pre = await runner.step(BigInt64Array.from(prompt, BigInt), 1, new Float32Array(0), 0);
  const prefillMs = performance.now() - t0;
  kv.set(pre.present, 0);
  const times: number[] = [];
  for (const [i, id] of steps.entries()) {
    t0 = performance.now();
    const out = await runner.step(BigInt64Array.of(BigInt(id)), 1, kv, prompt.length + i);
    kv.set(out.present, (prompt.length + i) * row);
    times.push(performance.now() - t0);
  }
  return { prefillMs, times, lastPromptLogits: pre.logits.subarray((prompt.length - 1) * m.vocabSize, prompt.length * m.vocabSize) };
}

/** The baseline without a cache: every step runs the whole sequence so far. */
async function recompute(runner: ModelRunner, prompt: number[], steps: number[]): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < steps.length; i++) {
    const ids = [...prompt, ...steps.slice(0, i + 1)];
    const t0 = performance.now();
    await runner.step(BigInt64Array.from(ids, BigInt), 1, new Float32Array(0), 0);
    times.push(performance.now() - t0);
  }
  return times;
}

/** `extra`: more of the request (a mood's controls, guidance), the same for every run. */
/** The guidance timed against none: the weight the README's figures for it use. */
const GUIDED = 3;

async function generateRuns(task: EvalTask, candidates: number, extra: Partial<InferenceRequest> = {}) {
  const inference = await createInference({ modelDir: args["model-dir"], provider: "cpu", threads, log: warningsToStderr });
  const latency: number[] = [];
  const firstNote: number[] = [];
  let tokens = 0;
  try {
    for (let r = 0; r <= runs; r++) {
      let first: number | null = null;
      const t0 = performance.now();
      const res = await inference.generate({
        mode: "infill",
        notes: task.context,
        tracks: task.piece.tracks,
        meta: task.piece.meta,
        region: task.region,
        candidates,
        temperature: 1,
        topP: 0.95,
        seed: 1000 + r,
        timeoutMs: 60_000,
        onNote: () => (first ??= performance.now() - t0),
        ...extra,
      });
      if (r === 0) continue; // warm-up
      latency.push(performance.now() - t0);
      if (first !== null) firstNote.push(first);
      tokens += res.tokens;
    }
  } finally {
    await inference.close();
  }
  return { latency, firstNote, tokensPerRun: tokens / runs };
}

function torchDecode(m: ModelManifest, prompt: number[], steps: number[]): { result?: Record<string, number | number[] | string>; skipped?: string } {
  const ckpt = args.ckpt ?? (m.preset ? path.join("models", "training", "runs", m.preset, "ckpt.pt") : undefined);
  if (!ckpt || !existsSync(ckpt)) return { skipped: `no checkpoint (${ckpt ?? "the manifest names no preset"}; pass --ckpt)` };
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "bench-")), "tokens.json");
  writeFileSync(file, JSON.stringify({ prompt, steps }));
  const py = spawnSync(args.python, ["bench/torch_decode.py", "--ckpt", ckpt, "--tokens", file, "--threads", String(threads), "--repeats", "1"], { encoding: "utf8" });
  if (py.status !== 0) return { skipped: `${args.python} bench/torch_decode.py failed: ${(py.stderr || py.error?.message || "").trim().split("\n").at(-1)}` };
  return { result: JSON.parse(py.stdout.trim().split("\n").at(-1)!) };
}

async function main(): Promise<void> {
  const { manifest: m, runner } = await openModel(args["model-dir"], { provider: "cpu", threads, log: warningsToStderr });
  const task = workload();
  const fim = fimSequence(task, m.maxSeqLen);
  if (!fim) throw new Error("the workload does not fit the model");
  const prompt = fim.tokens.slice(0, fim.promptLength);
  const region = fim.tokens.slice(fim.promptLength);
  log(`${m.name} ${m.version}: ${task.piece.id} bars ${task.region.startBar}-${task.region.endBar}, prompt ${prompt.length} tokens, region ${region.length}`);

  await kvDecode(runner, m, prompt, region.slice(0, 8)); // warm-up
  const kvAll: number[] = [];
  const kvTorchSteps: number[] = [];
  let kvRun = await kvDecode(runner, m, prompt, region);
  for (let r = 0; r < 3; r++) {
    kvRun = await kvDecode(runner, m, prompt, region);
    kvAll.push(...kvRun.times);
    kvTorchSteps.push(...kvRun.times.slice(0, TORCH_STEPS));
  }
  const first = region.slice(0, RECOMPUTE_STEPS);
  const kvFirst = (await kvDecode(runner, m, prompt, first)).times;
  const recomputeFirst = await recompute(runner, prompt, first);
  await runner.close();

  log("Inference.generate, 1 candidate");
  const one = await generateRuns(task, 1);
  log("Inference.generate, 4 candidates");
  const four = await generateRuns(task, 4);
  log(`Inference.generate, 1 candidate, a mood asked (driving): guidance ${GUIDED}, then 1 (none)`);
  const guided = await generateRuns(task, 1, { controls: MOODS.driving, guidance: GUIDED });
  const unguided = await generateRuns(task, 1, { controls: MOODS.driving, guidance: 1 });
  log("PyTorch eager");
  const torch = torchDecode(m, prompt, region.slice(0, TORCH_STEPS));

  const ortMs = percentile(kvAll, 50);
  const ortTorchStepsMs = percentile(kvTorchSteps, 50);
  const torchMs = torch.result ? (torch.result.ms_per_token_p50 as number) : null;
  const logitDiff = torch.result
    ? Math.max(...(torch.result.last_logits as number[]).map((x, i) => Math.abs(x - kvRun.lastPromptLogits[i])))
    : null;
  const p50 = (xs: number[]) => percentile(xs, 50);
  const figures = {
    model: { name: m.name, version: m.version, layers: m.layers, dModel: m.dModel, heads: m.heads, sha256: m.sha256 },
    machine: { cpus: os.availableParallelism(), threads, cpu: os.cpus()[0]?.model },
    workload: { piece: task.piece.id, bars: 4, tracks: task.region.trackIds.length, promptTokens: prompt.length, regionTokens: region.length },
    msPerToken: { kvP50: ortMs, prefillMs: kvRun.prefillMs },
    recompute: { steps: first.length, kvP50: p50(kvFirst), recomputeP50: p50(recomputeFirst), ratio: p50(recomputeFirst) / p50(kvFirst) },
    torch: torch.result
      ? { version: torch.result.torch, steps: Math.min(TORCH_STEPS, region.length), msPerTokenP50: torchMs, ortMsPerTokenP50: ortTorchStepsMs, prefillMs: torch.result.prefill_ms_p50, ratio: torchMs! / ortTorchStepsMs, maxLogitDiff: logitDiff }
      : { skipped: torch.skipped },
    infill: {
      runs,
      p50: p50(one.latency),
      p95: percentile(one.latency, 95),
      firstNoteP50: one.firstNote.length ? p50(one.firstNote) : null,
      tokensPerRun: one.tokensPerRun,
      targetP50: TARGET_INFILL_P50_MS,
      targetFirstNote: TARGET_FIRST_NOTE_MS,
    },
    guidance: {
      weight: GUIDED,
      p50: p50(guided.latency),
      firstNoteP50: guided.firstNote.length ? p50(guided.firstNote) : null,
      unguidedP50: p50(unguided.latency),
      ratio: p50(guided.latency) / p50(unguided.latency),
    },
    candidatesPerSecond: { at1: 1000 / p50(one.latency), at4: 4000 / p50(four.latency), p50At4: p50(four.latency) },
  };
  if (args.json) {
    console.log(JSON.stringify(figures, null, 2));
    return;
  }
  const f = (x: number | null | undefined, d = 1) => (x === null || x === undefined || Number.isNaN(x) ? "–" : x.toFixed(d));
  const ok = (x: number | null, target: number) => (x === null ? "–" : x < target ? "met" : "**missed**");
  const rows = [
    ["ms per token, KV cache (p50)", `${f(ortMs, 2)} ms`, "recompute the whole sequence each step", `${f(figures.recompute.recomputeP50, 1)} ms (first ${first.length} steps; KV ${f(figures.recompute.kvP50, 2)})`, `${f(figures.recompute.ratio)}x faster`],
    ["ms per token, onnxruntime-node (p50, first " + Math.min(TORCH_STEPS, region.length) + " steps)", `${f(ortTorchStepsMs, 2)} ms`, "PyTorch eager, same weights, same steps", torchMs === null ? `skipped: ${torch.skipped}` : `${f(torchMs, 2)} ms (torch ${torch.result!.torch}, max logit diff ${logitDiff?.toExponential(1)})`, torchMs === null ? "–" : `${f(torchMs / ortTorchStepsMs, 2)}x faster`],
    ["prefill, " + prompt.length + " tokens", `${f(kvRun.prefillMs)} ms`, "", "", ""],
    ["4-bar, 3-track infill, end to end (p50 / p95)", `${f(figures.infill.p50, 0)} / ${f(figures.infill.p95, 0)} ms`, "target p50", `< ${TARGET_INFILL_P50_MS} ms`, ok(figures.infill.p50, TARGET_INFILL_P50_MS)],
    ["time to first note (p50)", `${f(figures.infill.firstNoteP50, 0)} ms`, "target", `< ${TARGET_FIRST_NOTE_MS} ms`, ok(figures.infill.firstNoteP50, TARGET_FIRST_NOTE_MS)],
    [`the same asking a mood (driving), guidance ${figures.guidance.weight} (p50; first note)`, `${f(figures.guidance.p50, 0)} ms; ${f(figures.guidance.firstNoteP50, 0)} ms`, "the same mood, guidance 1 (none)", `${f(figures.guidance.unguidedP50, 0)} ms`, `${f(figures.guidance.ratio, 2)}x the time`],
    ["candidates per second, 1 candidate", f(figures.candidatesPerSecond.at1, 2), "", "", ""],
    ["candidates per second, 4 candidates (batched)", f(figures.candidatesPerSecond.at4, 2), "1 candidate a call", f(figures.candidatesPerSecond.at1, 2), `${f(figures.candidatesPerSecond.at4 / figures.candidatesPerSecond.at1, 2)}x the throughput`],
  ];
  console.log(`### Inference bench: ${m.name} ${m.version} (${m.layers} layers, width ${m.dModel}), ${threads} threads, ${os.cpus()[0]?.model ?? "CPU"}\n`);
  console.log("| measurement | value | baseline / target | baseline value | ratio / verdict |\n|---|--:|---|--:|--:|");
  for (const r of rows) console.log(`| ${r.join(" | ")} |`);
  console.log(`\nWorkload: ${task.piece.id}, bars ${task.region.startBar}-${task.region.endBar}, ${task.region.trackIds.length} tracks: prompt ${prompt.length} tokens, original region ${region.length} tokens; ${runs} runs after a warm-up, ${f(one.tokensPerRun, 0)} tokens decoded a run.`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
