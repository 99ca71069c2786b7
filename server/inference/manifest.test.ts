import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TOKENIZER_VERSION, VOCAB_SIZE } from "../../models/tokenizer";
import { ModelManifestError } from "./errors";
import { checkSessionIO, loadManifest, type ModelManifest } from "./manifest";

let dir: string;
const bytes = Buffer.from("not really onnx, only hashed here");
const good = () => ({
  name: "tiny",
  version: "0.0.1",
  tokenizer: TOKENIZER_VERSION,
  vocabSize: VOCAB_SIZE,
  maxSeqLen: 1024,
  layers: 2,
  heads: 2,
  headDim: 8,
  dModel: 16,
  inputs: [
    { name: "input_ids", dtype: "int64", shape: ["batch", "new"] },
    { name: "past_kv", dtype: "float32", shape: ["past", 2, 2, "batch", 2, 8] },
  ],
  outputs: [
    { name: "logits", dtype: "float32", shape: ["batch", "new", VOCAB_SIZE] },
    { name: "present_kv", dtype: "float32", shape: ["new", 2, 2, "batch", 2, 8] },
  ],
  sha256: createHash("sha256").update(bytes).digest("hex"),
  preset: "tiny",
});

async function folder(name: string, manifest: unknown, model: Buffer | null = bytes): Promise<string> {
  const d = path.join(dir, name);
  await import("node:fs/promises").then((fs) => fs.mkdir(d));
  await writeFile(path.join(d, "manifest.json"), JSON.stringify(manifest));
  if (model) await writeFile(path.join(d, "model.onnx"), model);
  return d;
}

async function refused(d: string, file: string, what: RegExp) {
  const p = loadManifest(d);
  await expect(p).rejects.toBeInstanceOf(ModelManifestError);
  await expect(p).rejects.toThrow(what);
  await expect(p).rejects.toThrow(path.join(d, file));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "tandem-manifest-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("loadManifest", () => {
  it("accepts a matching folder", async () => {
    const { manifest, modelPath } = await loadManifest(await folder("ok", good()));
    expect(manifest.name).toBe("tiny");
    expect(modelPath.endsWith("model.onnx")).toBe(true);
  });
  it("refuses a wrong sha256, naming the model file", async () => {
    await refused(await folder("sha", { ...good(), sha256: "f".repeat(64) }), "model.onnx", /sha256 is [0-9a-f]{64}/);
  });
  it("refuses a missing model file", async () => {
    await refused(await folder("missing", good(), null), "model.onnx", /is missing/);
  });
  it("refuses another tokenizer or vocabulary", async () => {
    await refused(await folder("tok", { ...good(), tokenizer: "tandem-fim-0" }), "manifest.json", /tokenizer is "tandem-fim-0"/);
    await refused(await folder("vocab", { ...good(), vocabSize: 600 }), "manifest.json", /vocabSize is 600/);
  });
  it("refuses other input names, types or ranks", async () => {
    const m = good();
    await refused(await folder("names", { ...m, inputs: [m.inputs[0], { ...m.inputs[1], name: "past" }] }), "manifest.json", /inputs are \[input_ids, past\]/);
    await refused(await folder("dtype", { ...m, inputs: [{ ...m.inputs[0], dtype: "int32" }, m.inputs[1]] }), "manifest.json", /input_ids is int32/);
    await refused(await folder("rank", { ...m, outputs: [{ ...m.outputs[0], shape: ["batch", VOCAB_SIZE] }, m.outputs[1]] }), "manifest.json", /logits has rank 2/);
  });
  it("refuses a manifest that is not the schema", async () => {
    await refused(await folder("schema", { ...good(), layers: "two" }), "manifest.json", /layers/);
  });
});

describe("checkSessionIO", () => {
  const m = { ...good(), file: "model.onnx" } as ModelManifest;
  const io = () => ({
    inputs: [
      { name: "input_ids", shape: ["batch", "new"] },
      { name: "past_kv", shape: ["past", 2, 2, "batch", 2, 8] },
    ],
    outputs: [
      { name: "logits", shape: ["batch", "new", VOCAB_SIZE] },
      { name: "present_kv", shape: ["new", 2, 2, "batch", 2, 8] },
    ],
  });
  it("accepts the declared names and ranks", () => expect(() => checkSessionIO(m, io(), "/m/model.onnx")).not.toThrow());
  it("refuses other names, ranks or cache sizes, naming the file", () => {
    const renamed = io();
    renamed.outputs[0].name = "scores";
    expect(() => checkSessionIO(m, renamed, "/m/model.onnx")).toThrow(/\/m\/model.onnx: model outputs are \[present_kv, scores\]/);
    const ranked = io();
    ranked.inputs[0].shape = ["batch"];
    expect(() => checkSessionIO(m, ranked, "/m/model.onnx")).toThrow(/input_ids has rank 1/);
    const heads = io();
    heads.inputs[1].shape = ["past", 2, 2, "batch", 4, 8];
    expect(() => checkSessionIO(m, heads, "/m/model.onnx")).toThrow(/past_kv dimension 4 is 4/);
  });
});
