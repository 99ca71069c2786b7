/**
 * The ONNX session and the KV-cache decoder against a real ONNX graph: a small random-weight model exported
 * into a temp dir by models/training/export.py (the exporter the shipped model comes from). Checks that
 * lockstep decoding through the tiled cache gives the logits of a full forward pass, and the load checks.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile, mkdir, copyFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EOS, TOKENIZER_VERSION, VOCAB_SIZE } from "../../models/tokenizer";
import { decodeLockstep, type CandidateDecoder } from "./decode";
import { ModelManifestError } from "./errors";
import { createInference } from "./index";
import { loadManifest, type ModelManifest } from "./manifest";
import { openOrtSession, providerOrder, type ModelRunner } from "./ort-session";

const ROOT = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);
const logs: string[] = [];
const log = { info: (m: string) => logs.push(m), warn: (m: string) => logs.push(`WARN ${m}`) };

let tmp: string;
let modelDir: string;
let manifest: ModelManifest;
let runner: ModelRunner;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "tandem-session-"));
  modelDir = path.join(tmp, "random");
  const ckpt = path.join(tmp, "random.pt");
  const make = [
    "import sys, torch",
    `sys.path.insert(0, ${JSON.stringify(path.join(ROOT, "models/training"))})`,
    "from model import Gpt",
    "from presets import PRESETS",
    "torch.manual_seed(0)",
    "cfg = dict(PRESETS['tiny'])",
    `m = Gpt(${VOCAB_SIZE}, 1024, cfg['layers'], cfg['d_model'], cfg['heads'])`,
    "state = dict(train_seconds=0.0, step=0, tokens=0)",
    // the keys train.py saves (no optimizer: the exporter does not read it)
    `torch.save(dict(model=m.state_dict(), state=state, preset='tiny', cfg=cfg, model_config=m.config, tokenizer='${TOKENIZER_VERSION}'), ${JSON.stringify(ckpt)})`,
  ].join("\n");
  await run("/usr/bin/python3", ["-c", make], { timeout: 120_000 });
  await run("/usr/bin/python3", [path.join(ROOT, "models/training/export.py"), "--ckpt", ckpt, "--out", modelDir, "--version", "0.0.0-random"], {
    timeout: 180_000,
  });
  manifest = (await loadManifest(modelDir)).manifest;
  runner = await openOrtSession({
    modelPath: path.join(modelDir, "model.onnx"),
    provider: "cpu",
    threads: 1,
    kv: { layers: manifest.layers, heads: manifest.heads, headDim: manifest.headDim },
    log,
  });
}, 300_000);
afterAll(async () => {
  await runner?.close();
  await rm(tmp, { recursive: true, force: true });
});

/** A candidate that feeds fixed ids and records the logits row it was shown before each. */
function forced(ids: number[], seen: Float32Array[]): CandidateDecoder {
  let i = 0;
  return {
    choose: (logits, offset) => (seen.push(logits.slice(offset, offset + VOCAB_SIZE)), ids[i]),
    accept: (id) => (i++, id === EOS),
  };
}

describe("providerOrder", () => {
  it("tries CUDA only where its provider is installed, WebGPU only when asked, and always ends on the CPU", () => {
    expect(providerOrder("auto", true)).toEqual(["cuda", "cpu"]);
    expect(providerOrder("auto", false)).toEqual(["cpu"]);
    expect(providerOrder("cuda", false)).toEqual(["cpu"]);
    expect(providerOrder("webgpu", false)).toEqual(["webgpu", "cpu"]);
    expect(providerOrder("cpu", true)).toEqual(["cpu"]);
  });
});

describe("ONNX session (random-weight export)", () => {
  it("decodes candidates in lockstep through the tiled cache with the logits of a full forward pass", async () => {
    // 300 ids: the prefill runs in chunks (PREFILL_CHUNK = 128) before the cache is tiled
    const bars = Array.from({ length: 36 }, (_, i) => [6, 7, 11 + i, 118, 263 + (i % 7), 23 + i, 118, 267]).flat();
    const prompt = [1, 3, ...bars, 4, 331, 364, 395, 650, 651, 5];
    const conts = [[6, 7, 11, 110, 270, EOS], [6, 2], [6, 9, 20, 130, 240, 30, 130, 245, EOS]];
    const seen: Float32Array[][] = conts.map(() => []);
    await decodeLockstep({
      runner,
      kv: { layers: manifest.layers, heads: manifest.heads, headDim: manifest.headDim },
      vocabSize: VOCAB_SIZE,
      maxSeqLen: manifest.maxSeqLen,
      prompt,
      candidates: conts.map((c, b) => forced(c, seen[b])),
      timeoutMs: 60_000,
    });
    for (let b = 0; b < conts.length; b++) {
      const all = [...prompt, ...conts[b]];
      const full = await runner.step(BigInt64Array.from(all, BigInt), 1, new Float32Array(0), 0);
      expect(seen[b]).toHaveLength(conts[b].length);
      seen[b].forEach((row, j) => {
        const ref = full.logits.subarray((prompt.length - 1 + j) * VOCAB_SIZE, (prompt.length + j) * VOCAB_SIZE);
        let diff = 0;
        for (let v = 0; v < VOCAB_SIZE; v++) diff = Math.max(diff, Math.abs(row[v] - ref[v]));
        expect(diff, `candidate ${b}, step ${j}`).toBeLessThan(1e-3);
      });
    }
  });

  it("reports the manifest's names and ranks", () => {
    expect(runner.inputs.map((i) => [i.name, i.shape?.length])).toEqual([["input_ids", 2], ["past_kv", 6]]);
    expect(runner.outputs.map((o) => [o.name, o.shape?.length])).toEqual([["logits", 3], ["present_kv", 6]]);
  });

  it("starts the service with one log line, and falls back from an unavailable provider with a warning", async () => {
    logs.length = 0;
    const inference = await createInference({ modelDir, provider: "cpu", log, threads: 1 });
    expect(logs).toEqual([expect.stringMatching(/^inference: tandem-fim 0.0.0-random runs on cpu \(1 threads\)/)]);
    await inference.close();
    logs.length = 0;
    const gpu = await createInference({ modelDir, provider: "cuda", log, threads: 1 });
    expect(gpu.models()[0].provider).toBe("cpu");
    expect(logs.some((l) => l.startsWith("WARN") && /cuda/i.test(l))).toBe(true);
    expect(logs.filter((l) => !l.startsWith("WARN"))).toHaveLength(1);
    await gpu.close();
  });

  it("refuses a manifest whose cache layout the model does not have, naming the model file", async () => {
    const dir = path.join(tmp, "bad-heads");
    await mkdir(dir);
    const m = JSON.parse(await readFile(path.join(modelDir, "manifest.json"), "utf8"));
    m.heads += 1;
    m.inputs[1].shape[4] = m.heads;
    m.outputs[1].shape[4] = m.heads;
    await writeFile(path.join(dir, "manifest.json"), JSON.stringify(m));
    await copyFile(path.join(modelDir, "model.onnx"), path.join(dir, "model.onnx"));
    const p = createInference({ modelDir: dir, provider: "cpu", log });
    await expect(p).rejects.toBeInstanceOf(ModelManifestError);
    await expect(p).rejects.toThrow(path.join(dir, "model.onnx"));
  });
});
