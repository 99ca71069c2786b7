/**
 * npm run model:prepare -- [--data-dir DIR] [--out DIR] [--limit N] [--copies N] [--seed S] [--leave-out BAND,BAND...]
 *     [--contrast SHARE] [--style-contrast SHARE]
 * Writes train/valid token shards and meta.json for models/training (see shards.ts for the format). --leave-out keeps
 * model:eval-style's bands (drummer1, "pop909 001+", ...) out of both splits: data for a base that never heard them.
 * --contrast gives that share of training windows a control contrast (contrast.ts): data that teaches the density and
 * register tokens; --style-contrast gives that share drums of another style in the region (style-splice.ts), for the
 * style token. Each is 0 by default: the same bytes as before.
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";
import { bandFiles } from "../eval/style-bands";
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
    "leave-out": { type: "string" },
    contrast: { type: "string", default: "0" },
    "style-contrast": { type: "string", default: "0" },
  },
});
const args = z
  .object({
    dataDir: z.string(),
    out: z.string(),
    limit: z.coerce.number().int().positive().optional(),
    copies: z.coerce.number().int().positive(),
    seed: z.string().min(1),
    contrast: z.coerce.number().min(0).max(1),
    styleContrast: z.coerce.number().min(0).max(1),
  })
  .refine((a) => a.contrast + a.styleContrast <= 1, "--contrast and --style-contrast add up to more than 1")
  .parse({
    dataDir: values["data-dir"] ?? datasetsDir(),
    out: values.out,
    limit: values.limit,
    copies: values.copies,
    seed: values.seed,
    contrast: values.contrast,
    styleContrast: values["style-contrast"],
  });

let leaveOut: Set<string> | undefined;
try {
  leaveOut = values["leave-out"] ? bandFiles(args.dataDir, values["leave-out"].split(",").map((b) => b.trim())) : undefined;
} catch (e) {
  console.error(`--leave-out: ${(e as Error).message}`);
  process.exit(2);
}
const started = Date.now();
await prepare({ ...args, leaveOut, log: (m) => console.log(m) });
console.log(`wrote ${args.out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
