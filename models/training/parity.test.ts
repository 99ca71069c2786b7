import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openModel, type OpenedModel } from "../../server/inference/open-model";
import { kvRowValues, warningsToStderr } from "../../server/inference/ort-session";

const models = join(dirname(fileURLToPath(import.meta.url)), "..");
const modelDir = join(models, "tandem-fim-v1");
const fixture = JSON.parse(readFileSync(join(models, "fixtures", "parity.json"), "utf8")) as {
  sha256: string;
  tokens: number[];
  rows: number[];
  logits: number[][];
  argmax: number[];
  tolerance: number;
};

const row = (logits: Float32Array, vocab: number, i: number) => logits.subarray(i * vocab, (i + 1) * vocab);
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};
const argmax = (xs: Float32Array) => xs.reduce((best, x, i) => (x > xs[best] ? i : best), 0);

/** One step through the server's session: `ids` after `past` rows of `cache`, `batch` sequences of equal length. */
const step = (model: OpenedModel, ids: number[], cache: Float32Array, past: number, batch = 1) =>
  model.runner.step(BigInt64Array.from(ids, BigInt), batch, cache, past);

describe("tandem-fim-v1 in onnxruntime-node", () => {
  let model: OpenedModel;
  let rowSize: number;
  beforeAll(async () => {
    model = await openModel(modelDir, { provider: "cpu", threads: 1, log: warningsToStderr });
    rowSize = kvRowValues(model.manifest);
  });
  afterAll(() => model?.runner.close());

  it("is the model the manifest and the parity fixture describe", () => {
    const digest = createHash("sha256").update(readFileSync(join(modelDir, "model.onnx"))).digest("hex");
    expect(model.manifest.sha256).toBe(digest);
    expect(fixture.sha256).toBe(digest);
    expect(model.manifest.tokenizer).toBe("tandem-fim-1");
  });

  it("matches the PyTorch logits with an empty cache (past = 0)", async () => {
    const vocab = model.manifest.vocabSize;
    const { logits, present } = await step(model, fixture.tokens, new Float32Array(0), 0);
    expect(logits.length).toBe(fixture.tokens.length * vocab);
    expect(present.length).toBe(fixture.tokens.length * rowSize);
    fixture.rows.forEach((r, i) => expect(maxDiff(row(logits, vocab, r), fixture.logits[i])).toBeLessThan(fixture.tolerance));
    expect(fixture.tokens.map((_, i) => argmax(row(logits, vocab, i)))).toEqual(fixture.argmax);
  });

  it("decodes token by token through one preallocated cache exactly like the whole sequence", async () => {
    const vocab = model.manifest.vocabSize;
    const tokens = fixture.tokens;
    const full = await step(model, tokens, new Float32Array(0), 0);
    const cache = new Float32Array(tokens.length * rowSize);
    const prefix = 8;
    const first = await step(model, tokens.slice(0, prefix), cache, 0);
    cache.set(first.present, 0);
    expect(maxDiff(first.logits, full.logits.subarray(0, prefix * vocab))).toBeLessThan(1e-4);
    for (let past = prefix; past < tokens.length; past++) {
      const next = await step(model, [tokens[past]], cache, past);
      expect(next.present.length).toBe(rowSize);
      cache.set(next.present, past * rowSize);
      expect(maxDiff(next.logits, row(full.logits, vocab, past))).toBeLessThan(1e-4);
    }
    expect(maxDiff(cache, full.present)).toBeLessThan(1e-4);
  });

  it("runs a batch of two sequences", async () => {
    const vocab = model.manifest.vocabSize;
    const tokens = fixture.tokens;
    const single = await step(model, tokens, new Float32Array(0), 0);
    const pair = await step(model, [...tokens, ...tokens], new Float32Array(0), 0, 2);
    expect(maxDiff(pair.logits.subarray(tokens.length * vocab), single.logits)).toBeLessThan(1e-4);
  });
});
