/** Command-line options of `npm run model:eval-style`, validated once (zod). */
import { parseArgs } from "node:util";
import { z } from "zod";
import { datasetsDir } from "../prepare/datasets-dir";
import { DEFAULT_MODEL_DIR } from "../../server/inference/default-model";

export const STYLE_METHODS = ["fine-tune", "style-memory"] as const;

export const STYLE_USAGE = `npm run model:eval-style -- [--method fine-tune|style-memory] [--drummers 4] [--pop-groups 2] [--chorale-groups 1]
  [--bands drummer1,drummer7] [--adapt-pieces 20] [--tune-pieces 8] [--test-pieces 4] [--sample-regions 2] [--candidates 1]
  [--order 6] [--folds 5] [--seed 1] [--threads 1] [--model-dir models/tandem-fim-v2] [--datasets DIR] [--json] [--out FILE]

--method: fine-tune (the default, the method the product ships: server/adaptation/fine-tune.ts at FINE_TUNE_DEFAULTS,
a minute or two a band, needs PyTorch) or style-memory (method A; --tune-pieces, --order and --folds are its own).
Bands: groove-midi's drummers (train takes to adapt on, valid takes held out) and pop909's train songs in groups of 20
(held out: the valid songs in each group's id span), and jsb-chorales' train chorales in groups of 20 (held out: a
share of its valid chorales each), the one style the shipped models never trained on. --bands picks bands by name instead of the first --drummers and
--pop-groups. --tune-pieces of a band's adapt pieces give the regions its mixing weights are fitted on (k folds);
--sample-regions of each band's held-out regions are also sampled (onset F1, pitch-class overlap), 0 to skip.`;

const int = (lo: number, hi: number) => z.coerce.number().int().min(lo).max(hi);

const schema = z.object({
  method: z.enum(STYLE_METHODS),
  drummers: int(0, 10),
  popGroups: int(0, 50),
  choraleGroups: int(0, 12),
  bands: z.array(z.string()).optional(),
  adaptPieces: int(1, 1000),
  tunePieces: int(1, 1000),
  testPieces: int(1, 1000),
  sampleRegions: int(0, 100),
  candidates: int(1, 8),
  order: int(1, 12),
  folds: int(2, 20),
  seed: z.string(),
  threads: int(1, 64),
  modelDir: z.string(),
  datasets: z.string(),
  json: z.boolean(),
  out: z.string().optional(),
});
export type StyleEvalOptions = z.infer<typeof schema>;

export function parseStyleEvalArgs(argv: string[]): StyleEvalOptions {
  const s = (d: string) => ({ type: "string" as const, default: d });
  const { values: v } = parseArgs({
    args: argv,
    options: {
      method: s("fine-tune"),
      drummers: s("4"),
      "pop-groups": s("2"),
      "chorale-groups": s("1"),
      bands: { type: "string" },
      "adapt-pieces": s("20"),
      "tune-pieces": s("8"),
      "test-pieces": s("4"),
      "sample-regions": s("2"),
      candidates: s("1"),
      order: s("6"),
      folds: s("5"),
      seed: s("1"),
      threads: s("1"),
      "model-dir": s(DEFAULT_MODEL_DIR),
      datasets: { type: "string" },
      json: { type: "boolean", default: false },
      out: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (v.help) {
    console.log(STYLE_USAGE);
    process.exit(0);
  }
  const parsed = schema.safeParse({
    method: v.method,
    drummers: v.drummers,
    popGroups: v["pop-groups"],
    choraleGroups: v["chorale-groups"],
    bands: v.bands?.split(",").map((b) => b.trim()).filter(Boolean),
    adaptPieces: v["adapt-pieces"],
    tunePieces: v["tune-pieces"],
    testPieces: v["test-pieces"],
    sampleRegions: v["sample-regions"],
    candidates: v.candidates,
    order: v.order,
    folds: v.folds,
    seed: v.seed,
    threads: v.threads,
    modelDir: v["model-dir"],
    datasets: v.datasets ?? datasetsDir(),
    json: v.json,
    out: v.out,
  });
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; ") + `\n\n${STYLE_USAGE}`);
  return parsed.data;
}
