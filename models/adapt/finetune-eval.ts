/**
 * Method B of issue 17, measured as model:eval-style measures method A: per band, the shipped model fine-tuned on the
 * band's adapt pieces (models/adapt/finetune.py, last blocks only, a fixed time budget), exported to ONNX, and its
 * bits a note on the band's own held-out regions and on the other bands' pooled, base against adapted.
 *
 *   tsx models/adapt/finetune-eval.ts --bands drummer1,drummer3,drummer5 --seconds 90 --scratch /tmp/ft
 *   tsx models/adapt/finetune-eval.ts --bands "chorales 1-20",drummer1 --adapt 1   # drummer1 only scored, as another style
 *
 * --product measures the product's own path instead: server/adaptation/fine-tune.ts's createFineTuner at its defaults
 * (FINE_TUNE_DEFAULTS; --threads only) on the band's adapt pieces as the app hands them over (SourcePieces), and its
 * network patch applied to the shipped model's bytes as the server applies one (--model-dir: the server's default).
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_MODEL_DIR } from "../../server/inference/default-model";
import type { OpenedModel } from "../../server/inference/open-model";
import { datasetsDir } from "../prepare/datasets-dir";
import { openTeacherForced } from "../eval/model-nll";
import { selectTasks } from "../eval/select";
import { adaptPieces, scoreTask } from "../eval/style-band-run";
import { allBands, type Band } from "../eval/style-bands";
import type { EvalTask } from "../eval/tasks";
import { regionBitsWith } from "./region-steps";
import { writeBandShards } from "./finetune-shards";
import { fineTuneBand, openProductFineTuner, type FineTuner } from "./product-fine-tune";

const PYTHON = "/usr/bin/python3";
const log = (m: string) => console.error(`[finetune-eval] ${m}`);

const { values: v } = parseArgs({
  options: {
    bands: { type: "string", default: "drummer1,drummer3,drummer5" },
    seconds: { type: "string", default: "60" },
    lr: { type: "string", default: "1e-4" },
    layers: { type: "string", default: "1" },
    copies: { type: "string", default: "2" },
    "eval-every": { type: "string", default: "10" },
    hold: { type: "string", default: "2" },
    "adapt-pieces": { type: "string", default: "20" },
    "test-pieces": { type: "string", default: "4" },
    seed: { type: "string", default: "1" },
    threads: { type: "string", default: "1" },
    "model-dir": { type: "string" }, // default: the server's model with --product, else 1.3.0 (--ckpt's)
    ckpt: { type: "string", default: "models/training/checkpoints/tandem-fim-1.3.0.pt" },
    scratch: { type: "string", default: "/tmp/tandem-finetune" },
    adapt: { type: "string" }, // adapt only the first N bands listed; the rest are only others to score
    rehearse: { type: "string" }, // bands of other styles whose first --rehearse-pieces adapt pieces join each train shard
    "rehearse-pieces": { type: "string", default: "5" },
    product: { type: "boolean", default: false },
  },
});
const modelDir = v["model-dir"] ?? (v.product ? DEFAULT_MODEL_DIR : "models/tandem-fim-v1");

/** Method B needs PyTorch on the server: say so plainly where it is missing. */
function requireTorch(): void {
  const r = spawnSync(PYTHON, ["-c", "import torch"], { encoding: "utf8" });
  if (r.status !== 0)
    throw new Error(`method B (fine-tune) needs PyTorch: ${PYTHON} cannot import torch (Debian: apt install python3-torch)\n${r.stderr ?? r.error ?? ""}`);
}

function run(args: string[]): string {
  const r = spawnSync("nice", ["-n", "10", "taskset", "-c", "0", PYTHON, ...args], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${args[0]} failed: ${r.stderr}`);
  return r.stdout;
}

interface Cell {
  notes: number;
  base: number;
  adapted: number;
}

async function bits(model: OpenedModel, tasks: EvalTask[]): Promise<{ notes: number; bits: number }> {
  let notes = 0;
  let total = 0;
  for (const t of tasks) {
    const r = await scoreTask(model, t);
    if (!r) continue;
    notes += r.scored.notes;
    total += regionBitsWith(r.scored, null);
  }
  return { notes, bits: total };
}

/** A band's adapted model and the table's columns about it, before and after the NLL cells. */
interface Adapted {
  model: OpenedModel;
  before: string[];
  after: string[];
}
const HEADERS = {
  scripts: { before: ["adapt pieces", "train / valid seqs", "steps"], after: ["adapt s", "ONNX", "changed weights"] },
  product: { before: ["adapt pieces", "steps (kept)"], after: ["adapt s (of which training)", "stored"] },
};

/** finetune.py on the band's shards from the checkpoint, then export.py: how the methods were first compared. */
async function adaptByScripts(band: Band, rehearsal: Band[], base: OpenedModel["manifest"], threads: number): Promise<Adapted> {
  const dir = join(v.scratch!, band.name.replace(/\W+/g, "-"));
  const t0 = performance.now();
  const pieces = adaptPieces(band, Number(v["adapt-pieces"]), v.seed!, log);
  const counts = await writeBandShards(band, pieces, {
    dir,
    seed: v.seed!,
    copies: Number(v.copies),
    hold: Number(v.hold),
    maxSeqLen: base.maxSeqLen,
    vocabSize: base.vocabSize,
    rehearse: rehearsal.filter((r) => r.source !== band.source).flatMap((r) => adaptPieces(r, Number(v["rehearse-pieces"]), v.seed!, log)),
  });
  const ckpt = join(dir, "adapted.pt");
  const fit = JSON.parse(
    run(["models/adapt/finetune.py", "--init", v.ckpt!, "--data", dir, "--out", ckpt, "--layers", v.layers!, "--seconds", v.seconds!, "--lr", v.lr!, "--eval-every", v["eval-every"]!, "--threads", v.threads!])
      .trim()
      .split("\n")
      .pop()!,
  );
  log(`${band.name}: ${JSON.stringify(fit)}`);
  const out = join(dir, "model");
  run(["models/training/export.py", "--ckpt", ckpt, "--out", out, "--version", `${base.version}+${band.name.replace(/\W+/g, "-")}`]);
  // The repetition expert and its weights are the shipped model's: the fine-tune changes the network only.
  const shipped = JSON.parse(readFileSync(join(modelDir, "manifest.json"), "utf8"));
  const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
  writeFileSync(join(out, "manifest.json"), JSON.stringify({ ...manifest, repetition: shipped.repetition, styles: shipped.styles }, null, 2));
  const adaptSeconds = (performance.now() - t0) / 1000;
  const onnxBytes = statSync(join(out, "model.onnx")).size;
  const model = await openTeacherForced(out, threads);
  copyFileSync(join(out, "manifest.json"), join(dir, "manifest.adapted.json"));
  return {
    model,
    before: [`${pieces.length}`, `${counts.train} / ${counts.valid}`, `${fit.steps} (best ${fit.bestStep})`],
    after: [`${adaptSeconds.toFixed(0)} (train ${fit.seconds})`, `${(onnxBytes / 1e6).toFixed(1)} MB`, `${(fit.changedBytes / 1e6).toFixed(2)} MB`],
  };
}

/** The product's fine-tune (product-fine-tune.ts) and its patch on the shipped graph. */
async function adaptAsProduct(band: Band, tuner: FineTuner, threads: number): Promise<Adapted> {
  const { patch, stats, pieces, adaptSeconds } = await fineTuneBand(band, tuner, { adaptPieces: Number(v["adapt-pieces"]), seed: v.seed!, log });
  if (patch) {
    mkdirSync(v.scratch!, { recursive: true });
    writeFileSync(join(v.scratch!, `${band.name.replace(/\W+/g, "-")}.tndp`), patch);
  }
  return {
    model: await openTeacherForced(modelDir, threads, patch ?? undefined),
    before: [`${pieces}`, `${stats.steps} (${stats.bestStep})`],
    after: [`${adaptSeconds.toFixed(0)} (${stats.seconds.toFixed(0)})`, patch ? `${patch.length.toLocaleString("en")} B` : "none (no step kept)"],
  };
}

async function main(): Promise<void> {
  const threads = Number(v.threads);
  const tuner = v.product ? await openProductFineTuner(modelDir, threads) : null;
  if (!tuner) requireTorch();
  const datasets = datasetsDir();
  const all = allBands(datasets);
  const bands = v.bands!.split(",").map((n) => all.find((b) => b.name === n.trim()) ?? fail(`no band "${n}"`));
  const base = await openTeacherForced(modelDir, threads);
  const test = new Map<Band, EvalTask[]>(bands.map((b) => [b, selectTasks([{ source: b.name, files: b.test }], Number(v["test-pieces"]), v.seed!, log).tasks]));
  const baseBits = new Map<Band, { notes: number; bits: number }>();
  for (const b of bands) baseBits.set(b, await bits(base, test.get(b)!));
  await base.runner.close();

  const rows: string[] = [];
  let ownSum = 0;
  let othersSum = 0;
  let otherStylesSum = 0;
  const adapting = bands.slice(0, v.adapt === undefined ? bands.length : Number(v.adapt));
  const rehearsal = (v.rehearse?.split(",") ?? []).map((n) => all.find((b) => b.name === n.trim()) ?? fail(`no band "${n}"`));
  for (const band of adapting) {
    const adapted = tuner ? await adaptAsProduct(band, tuner, threads) : await adaptByScripts(band, rehearsal, base.manifest, threads);
    const own: Cell = { ...cellOf(baseBits.get(band)!), adapted: (await bits(adapted.model, test.get(band)!)).bits };
    // others: every other band; other styles: those of another dataset (another chorale class shares the style)
    const others: Cell = { notes: 0, base: 0, adapted: 0 };
    const otherStyles: Cell = { notes: 0, base: 0, adapted: 0 };
    for (const b of bands.filter((x) => x !== band)) {
      const c = baseBits.get(b)!;
      const a = (await bits(adapted.model, test.get(b)!)).bits;
      for (const cell of b.source === band.source ? [others] : [others, otherStyles]) {
        cell.notes += c.notes;
        cell.base += c.bits;
        cell.adapted += a;
      }
    }
    await adapted.model.runner.close();
    const ch = (c: Cell) => c.adapted / c.base - 1;
    ownSum += ch(own);
    othersSum += ch(others);
    otherStylesSum += otherStyles.notes > 0 ? ch(otherStyles) : 0;
    const row = tableRow([band.name, ...adapted.before, fmt(own), fmt(others), otherStyles.notes > 0 ? fmt(otherStyles) : "–", ...adapted.after]);
    rows.push(row);
    log(row);
  }
  const h = HEADERS[tuner ? "product" : "scripts"];
  const how = tuner ? "the product's fine-tune (FINE_TUNE_DEFAULTS)" : `last ${v.layers} block(s), lr ${v.lr}, ${v.seconds} s`;
  console.log(
    `${tableRow(["band", ...h.before, "own bits/note, base → adapted", "others bits/note, base → adapted", "other styles", ...h.after])}\n` +
      `${tableRow(["---", ...[...h.before, "own", "others", "other styles", ...h.after].map(() => "--:")])}\n${rows.join("\n")}\n\n` +
      `${adapting.length} bands adapted, ${how}: own ${pct(ownSum / adapting.length)} on average, ` +
      `others ${pct(othersSum / adapting.length)}, other styles ${pct(otherStylesSum / adapting.length)}`,
  );
}

const tableRow = (cells: string[]) => `| ${cells.join(" | ")} |`;
const cellOf = (c: { notes: number; bits: number }) => ({ notes: c.notes, base: c.bits });
const pct = (x: number) => `${x >= 0 ? "+" : ""}${(100 * x).toFixed(1)}%`;
const fmt = (c: Cell) => `${(c.base / c.notes).toFixed(2)} → ${(c.adapted / c.notes).toFixed(2)} (${pct(c.adapted / c.base - 1)})`;
const fail = (m: string): never => {
  throw new Error(m);
};

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
