/**
 * npm run model:prepare -- [--data-dir DIR] [--out DIR] [--limit N] [--copies N] [--seed S]
 * Writes train/valid token shards and meta.json for models/training (see shards.ts for the format).
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";
import { datasetsDir } from "./datasets-dir";
import { prepare } from "./prepare";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const { values } = parseArgs({
  options: {
    "data-dir": { type: "string" },
    out: { type: "string", default: resolve(root, "models/data") },
    limit: { type: "string" },
    copies: { type: "string", default: "2" },
    seed: { type: "string", default: "tandem" },
  },
});
const args = z
  .object({
    dataDir: z.string(),
    out: z.string(),
    limit: z.coerce.number().int().positive().optional(),
    copies: z.coerce.number().int().positive(),
    seed: z.string().min(1),
  })
  .parse({ dataDir: values["data-dir"] ?? datasetsDir(), out: values.out, limit: values.limit, copies: values.copies, seed: values.seed });

const started = Date.now();
await prepare({ ...args, log: (m) => console.log(m) });
console.log(`wrote ${args.out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
