/** Reads and checks a model folder's manifest.json against this server's tokenizer and ONNX contract. */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { REPETITION_STATES, TOKENIZER_VOCAB, type RepetitionStateKind } from "../../models/tokenizer";
import { ModelManifestError } from "./errors";
import { styleProfilesSchema } from "./style-expert";

const tensorSpecSchema = z.object({
  name: z.string().min(1),
  dtype: z.string().min(1),
  shape: z.array(z.union([z.number().int(), z.string(), z.null()])),
});

const positiveInt = z.number().int().positive();

const repetitionWeightsSchema = z.object(
  Object.fromEntries(REPETITION_STATES.map((k) => [k, z.number().min(0).max(0.99)])) as Record<RepetitionStateKind, z.ZodNumber>,
);

export const manifestSchema = z.looseObject({
  name: z.string().min(1),
  version: z.string().min(1),
  tokenizer: z.string().min(1),
  vocabSize: positiveInt,
  maxSeqLen: positiveInt,
  // Longest window (bars) the model saw in training; inference keeps to it (bar and region tokens past it are unseen).
  maxWindowBars: positiveInt.max(32).default(16),
  layers: positiveInt,
  heads: positiveInt,
  headDim: positiveInt,
  dModel: positiveInt,
  inputs: z.array(tensorSpecSchema),
  outputs: z.array(tensorSpecSchema),
  sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, "must be 64 hex digits"),
  file: z.string().min(1).default("model.onnx"),
  preset: z.string().optional(),
  // The repetition expert's mixing weights per grammar state (models/tokenizer/repetition.ts), fitted on the
  // training shard by `npm run model:fit-repetition`; absent: the transformer alone. `sampling`, where present, is
  // what generation scales by the request's repetition instead of `lambda` (likelihood still uses `lambda`): a model
  // that predicts repeats well teacher-forced fits small weights, and sampled at them copies too little (model 2).
  repetition: z
    .object({
      fittedOn: z.string(),
      lambda: repetitionWeightsSchema,
      sampling: repetitionWeightsSchema.optional(),
      samplingChosen: z.string().optional(),
    })
    .optional(),
  // How each style of the training data places its drum parts (style-expert.ts), from `npm run model:fit-styles`.
  styles: styleProfilesSchema.optional(),
});
export type ModelManifest = z.infer<typeof manifestSchema>;

/** The ONNX contract every Tandem model follows (see README.md): names, element types and ranks. */
export const MODEL_IO = {
  inputs: { input_ids: { dtype: "int64", rank: 2 }, past_kv: { dtype: "float32", rank: 6 } },
  outputs: { logits: { dtype: "float32", rank: 3 }, present_kv: { dtype: "float32", rank: 6 } },
} as const;

/** What the loaded session reports about one input or output (shape null when the model leaves it open). */
export interface SessionValueInfo {
  name: string;
  shape: readonly (number | string | null)[] | null;
}

export interface LoadedManifest {
  manifest: ModelManifest;
  manifestPath: string;
  modelPath: string;
}

const normDtype = (t: string): string => t.replace(/^tensor\((.*)\)$/, "$1").toLowerCase();

export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Parses manifest.json, checks tokenizer, vocabulary and declared I/O, then the .onnx file and its sha256. */
export async function loadManifest(modelDir: string): Promise<LoadedManifest> {
  const manifestPath = path.resolve(modelDir, "manifest.json");
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(manifestPath, "utf8"));
  } catch (e) {
    throw new ModelManifestError(manifestPath, `cannot be read as JSON (${(e as Error).message})`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new ModelManifestError(manifestPath, `does not match the manifest schema: ${issues}`);
  }
  const manifest = parsed.data;
  const vocabSize = TOKENIZER_VOCAB[manifest.tokenizer];
  if (vocabSize === undefined)
    throw new ModelManifestError(manifestPath, `tokenizer is "${manifest.tokenizer}", this server speaks ${Object.keys(TOKENIZER_VOCAB).map((v) => `"${v}"`).join(" and ")}`);
  if (manifest.vocabSize !== vocabSize)
    throw new ModelManifestError(manifestPath, `vocabSize is ${manifest.vocabSize}, tokenizer "${manifest.tokenizer}" has ${vocabSize}`);
  checkDeclaredIO(manifest, manifestPath);

  const modelPath = path.resolve(modelDir, manifest.file);
  const info = await stat(modelPath).catch(() => null);
  if (!info?.isFile()) throw new ModelManifestError(modelPath, `is missing (named by ${manifestPath})`);
  const actual = await sha256File(modelPath);
  if (actual !== manifest.sha256.toLowerCase())
    throw new ModelManifestError(modelPath, `sha256 is ${actual}, ${manifestPath} says ${manifest.sha256}`);
  return { manifest, manifestPath, modelPath };
}

/** The manifest must declare exactly the contract's inputs and outputs, with its element types and ranks. */
function checkDeclaredIO(m: ModelManifest, file: string): void {
  for (const side of ["inputs", "outputs"] as const) {
    const want = MODEL_IO[side] as Record<string, { dtype: string; rank: number }>;
    const names = m[side].map((s) => s.name).sort();
    const wantNames = Object.keys(want).sort();
    if (names.join() !== wantNames.join())
      throw new ModelManifestError(file, `${side} are [${names.join(", ")}], the contract needs [${wantNames.join(", ")}]`);
    for (const spec of m[side]) {
      const w = want[spec.name];
      if (normDtype(spec.dtype) !== w.dtype) throw new ModelManifestError(file, `${side} ${spec.name} is ${spec.dtype}, needs ${w.dtype}`);
      if (spec.shape.length !== w.rank)
        throw new ModelManifestError(file, `${side} ${spec.name} has rank ${spec.shape.length}, needs ${w.rank}`);
    }
  }
}

/** After the session is created: its input/output names and ranks must be the manifest's. */
export function checkSessionIO(
  m: ModelManifest,
  session: { inputs: SessionValueInfo[]; outputs: SessionValueInfo[] },
  modelPath: string,
): void {
  for (const side of ["inputs", "outputs"] as const) {
    const got = session[side];
    const names = got.map((v) => v.name).sort();
    const declared = m[side].map((s) => s.name).sort();
    if (names.join() !== declared.join())
      throw new ModelManifestError(modelPath, `model ${side} are [${names.join(", ")}], the manifest declares [${declared.join(", ")}]`);
    for (const v of got) {
      const spec = m[side].find((s) => s.name === v.name)!;
      if (v.shape === null || v.shape.length === 0) continue; // the runtime could not tell
      if (v.shape.length !== spec.shape.length)
        throw new ModelManifestError(modelPath, `model ${side} ${v.name} has rank ${v.shape.length}, the manifest says ${spec.shape.length}`);
      v.shape.forEach((dim, i) => {
        const want = spec.shape[i];
        if (typeof dim === "number" && dim > 0 && typeof want === "number" && want !== dim)
          throw new ModelManifestError(modelPath, `model ${side} ${v.name} dimension ${i} is ${dim}, the manifest says ${want}`);
      });
    }
  }
  // The cache layout [rows, 2, layers, batch, heads, headDim] must agree with the manifest's sizes.
  const kvDims: [number, number, string][] = [[1, 2, "2"], [2, m.layers, "layers"], [4, m.heads, "heads"], [5, m.headDim, "headDim"]];
  for (const v of [...session.inputs, ...session.outputs]) {
    if (v.name !== "past_kv" && v.name !== "present_kv") continue;
    for (const [i, want, what] of kvDims) {
      const dim = v.shape?.[i];
      if (typeof dim === "number" && dim > 0 && dim !== want)
        throw new ModelManifestError(modelPath, `model ${v.name} dimension ${i} is ${dim}, the manifest's ${what} is ${want}`);
    }
  }
}
