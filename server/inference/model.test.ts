/**
 * The inference service over every model folder in models/ (the default model folder must be there: its
 * absence FAILS this suite, never skips it). TANDEM_MODEL_DIRS (comma-separated) adds folders, e.g. a test
 * export under models/training/runs/; TANDEM_PROVIDER picks the execution provider (default cpu).
 */
import { copyFile, mkdtemp, readFile, readdir, rm, writeFile, mkdir } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Inference } from "./types";
import { InferenceCancelledError, InferenceTimeoutError, ModelManifestError } from "./errors";
import { createInference } from "./index";
import { constraintViolations, testRequest } from "./test-piece";
import { DEFAULT_MODEL_DIR } from "./default-model";

const MODELS = path.resolve(import.meta.dirname, "../../models");
const SHIPPED = path.join(MODELS, path.basename(DEFAULT_MODEL_DIR));
const provider = (process.env.TANDEM_PROVIDER ?? "cpu") as "cpu" | "cuda" | "webgpu" | "auto";
const logs: string[] = [];
const log = { info: (m: string) => logs.push(m), warn: (m: string) => logs.push(`WARN ${m}`) };

const found = (await readdir(MODELS, { withFileTypes: true }))
  .filter((d) => d.isDirectory() && existsSync(path.join(MODELS, d.name, "manifest.json")))
  .map((d) => path.join(MODELS, d.name));
const extra = (process.env.TANDEM_MODEL_DIRS ?? "").split(",").filter(Boolean).map((d) => path.resolve(d));
const modelDirs = [...new Set([SHIPPED, ...found, ...extra])];

it(`ships ${DEFAULT_MODEL_DIR} with model.onnx and manifest.json`, () => {
  expect(existsSync(path.join(SHIPPED, "model.onnx")), `${SHIPPED}/model.onnx is missing`).toBe(true);
  expect(existsSync(path.join(SHIPPED, "manifest.json")), `${SHIPPED}/manifest.json is missing`).toBe(true);
});

for (const modelDir of modelDirs) {
  describe(`model ${path.relative(MODELS, modelDir)}`, () => {
    let inference: Inference;
    beforeAll(async () => {
      inference = await createInference({ modelDir, provider, log, threads: 2 });
    });
    afterAll(() => inference?.close());

    it("names itself and its provider", () => {
      const [m] = inference.models();
      expect(m.provider).toBe(provider === "auto" ? m.provider : provider);
      expect(m.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(logs.some((l) => l.includes(`runs on ${m.provider}`))).toBe(true);
    });

    const constrained = testRequest({
      candidates: 3,
      region: { startBar: 6, endBar: 10, pitchLo: 36, pitchHi: 84, trackIds: ["melody", "bass", "drums"] },
      maxPolyphony: 2,
      maxNotesPerBar: 8,
      scale: { tonic: 0, mode: "major" },
      timeoutMs: 60_000,
    });

    it("infills 4 bars obeying pitch range, tracks, region span, polyphony and density", async () => {
      const res = await inference.generate(constrained);
      expect(constraintViolations(constrained, res)).toEqual([]);
      expect(res.candidates).toHaveLength(3);
      const perToken = res.latencyMs / Math.max(1, res.tokens / 3);
      console.info(`${path.basename(modelDir)}: 4-bar infill, 3 tracks, 3 candidates: ${res.latencyMs} ms, ${res.tokens} tokens (${perToken.toFixed(1)} ms a lockstep step)`);
    });

    it("repeats exactly with a seed, differs with another", async () => {
      const req = testRequest({ candidates: 2, region: { startBar: 4, endBar: 6, pitchLo: 0, pitchHi: 127, trackIds: ["melody", "chords"] }, timeoutMs: 60_000 });
      const a = await inference.generate(req);
      expect(constraintViolations(req, a)).toEqual([]);
      expect((await inference.generate(req)).candidates).toEqual(a.candidates);
      expect((await inference.generate({ ...req, seed: req.seed + 1 })).candidates).not.toEqual(a.candidates);
    });

    it("continues after the last note", async () => {
      const req = testRequest({ mode: "continue", candidates: 1, region: { startBar: 16, endBar: 18, pitchLo: 0, pitchHi: 127, trackIds: ["melody", "drums"] }, timeoutMs: 60_000 });
      expect(constraintViolations(req, await inference.generate(req))).toEqual([]);
    });

    it("times out and cancels with clear errors", async () => {
      await expect(inference.generate(testRequest({ timeoutMs: 5 }))).rejects.toBeInstanceOf(InferenceTimeoutError);
      const ac = new AbortController();
      const p = inference.generate({ ...testRequest({ timeoutMs: 60_000, candidates: 8 }), signal: ac.signal });
      setTimeout(() => ac.abort(), 20);
      await expect(p).rejects.toBeInstanceOf(InferenceCancelledError);
    });

    describe("refuses a mismatched copy", () => {
      let tmp: string;
      beforeAll(async () => {
        tmp = await mkdtemp(path.join(tmpdir(), "tandem-model-"));
      });
      afterAll(() => rm(tmp, { recursive: true, force: true }));
      const copyWith = async (name: string, change: (m: Record<string, unknown>) => void) => {
        const dir = path.join(tmp, name);
        await mkdir(dir);
        const manifest = JSON.parse(await readFile(path.join(modelDir, "manifest.json"), "utf8"));
        change(manifest);
        await writeFile(path.join(dir, "manifest.json"), JSON.stringify(manifest));
        await copyFile(path.join(modelDir, manifest.file ?? "model.onnx"), path.join(dir, manifest.file ?? "model.onnx"));
        return dir;
      };
      const refused = async (dir: string, file: string, what: RegExp) => {
        const p = createInference({ modelDir: dir, provider: "cpu", log });
        await expect(p).rejects.toBeInstanceOf(ModelManifestError);
        await expect(p).rejects.toThrow(path.join(dir, file));
        await expect(p).rejects.toThrow(what);
      };
      it("with another sha256", async () => {
        await refused(await copyWith("sha", (m) => (m.sha256 = "0".repeat(64))), "model.onnx", /sha256/);
      });
      it("with other input or output names", async () => {
        const renamed = (m: Record<string, unknown>) => {
          const outputs = m.outputs as { name: string }[];
          outputs[0].name = outputs[0].name === "logits" ? "scores" : "logits_renamed";
        };
        await refused(await copyWith("names", renamed), "manifest.json", /outputs are/);
      });
      it("with a cache layout the model does not have", async () => {
        await refused(await copyWith("heads", (m) => (m.heads = (m.heads as number) + 1)), "model.onnx", /heads|present_kv/);
      });
    });
  });
}
