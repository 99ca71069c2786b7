/** Command-line options of `npm run model:eval`, validated once (zod). */
import { parseArgs } from "node:util";
import { z } from "zod";
import { GENERATION_LIMITS as L } from "../../lib/generation";
import { DEFAULT_MODEL_DIR } from "../../server/inference/default-model";

export const USAGE = `npm run model:eval -- [--midi-dir DIR]... [--split-csv FILE [--split valid]]... [--list FILE]...
  [--pieces N] [--seed 1] [--model-dir models/tandem-fim-v2] [--no-model] [--candidates 1] [--temperature 1] [--top-p 0.95] [--repetition 3]
  [--train-bin models/data/train.bin | --train-midi-dir DIR] [--ngram-order 5] [--threads 2] [--json] [--out FILE]
  [--card models/tandem-fim-v1/README.md]

Each --midi-dir (searched recursively), --split-csv (a dataset's splits.csv, rows of --split) or --list (one path a line)
is a source; --pieces takes that many pieces from each source, drawn with --seed. --card rewrites that model card's
"## Evaluation" section (only it) with the tables and where the model does not beat a baseline.`;

const int = (lo: number, hi: number) => z.coerce.number().int().min(lo).max(hi);

const optionsSchema = z.object({
  midiDirs: z.array(z.string()),
  splitCsvs: z.array(z.string()),
  lists: z.array(z.string()),
  split: z.string(),
  pieces: int(1, 100_000).optional(),
  seed: z.string(),
  modelDir: z.string(),
  model: z.boolean(),
  candidates: int(L.candidates.min, L.candidates.max),
  temperature: z.coerce.number().min(L.temperature.min).max(L.temperature.max),
  topP: z.coerce.number().min(L.topP.min).max(L.topP.max),
  repetition: z.coerce.number().min(L.repetition.min).max(L.repetition.max),
  trainBin: z.string(),
  trainMidiDir: z.string().optional(),
  ngramOrder: int(1, 5),
  threads: int(1, 64),
  json: z.boolean(),
  out: z.string().optional(),
  card: z.string().optional(),
});
export type EvalOptions = z.infer<typeof optionsSchema>;

export function parseEvalArgs(argv: string[]): EvalOptions {
  const { values: v } = parseArgs({
    args: argv,
    options: {
      "midi-dir": { type: "string", multiple: true },
      "split-csv": { type: "string", multiple: true },
      list: { type: "string", multiple: true },
      split: { type: "string", default: "valid" },
      pieces: { type: "string" },
      seed: { type: "string", default: "1" },
      "model-dir": { type: "string", default: DEFAULT_MODEL_DIR },
      "no-model": { type: "boolean", default: false },
      candidates: { type: "string", default: "1" },
      temperature: { type: "string", default: "1" },
      "top-p": { type: "string", default: "0.95" },
      repetition: { type: "string", default: String(L.repetition.default) },
      "train-bin": { type: "string", default: "models/data/train.bin" },
      "train-midi-dir": { type: "string" },
      "ngram-order": { type: "string", default: "5" },
      threads: { type: "string", default: "2" },
      json: { type: "boolean", default: false },
      out: { type: "string" },
      card: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (v.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const parsed = optionsSchema.safeParse({
    midiDirs: v["midi-dir"] ?? [],
    splitCsvs: v["split-csv"] ?? [],
    lists: v.list ?? [],
    split: v.split,
    pieces: v.pieces,
    seed: v.seed,
    modelDir: v["model-dir"],
    model: !v["no-model"],
    candidates: v.candidates,
    temperature: v.temperature,
    topP: v["top-p"],
    repetition: v.repetition,
    trainBin: v["train-bin"],
    trainMidiDir: v["train-midi-dir"],
    ngramOrder: v["ngram-order"],
    threads: v.threads,
    json: v.json,
    out: v.out,
    card: v.card,
  });
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; ") + `\n\n${USAGE}`);
  const o = parsed.data;
  if (o.midiDirs.length + o.splitCsvs.length + o.lists.length === 0) throw new Error(`no pieces: give --midi-dir, --split-csv or --list\n\n${USAGE}`);
  if (o.card && !o.model) throw new Error("--card needs the model (drop --no-model)");
  return o;
}
