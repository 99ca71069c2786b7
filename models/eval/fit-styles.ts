/**
 * npm run model:fit-styles: counts how each style of groove-midi's training takes places its drum parts and writes
 * the profiles into the model's manifest.json (`styles`), for the drum style expert (server/inference/style-expert.ts).
 * Only the train split is read. Run it after every export (export rewrites the manifest).
 *
 *   npm run model:fit-styles -- [--model-dir models/tandem-fim-v2] [--data-dir ../shared/datasets] [--dry-run]
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { datasetsDir } from "../prepare/datasets-dir";
import { loadGroove } from "../prepare/groove";
import type { Piece } from "../prepare/piece";
import { buildStyleProfiles } from "../prepare/style-profile";
import type { StyleProfiles } from "../../server/inference/style-expert";
import { listSplitCsv } from "./pieces";
import { DEFAULT_MODEL_DIR } from "../../server/inference/default-model";

/** The profiles with one line a style (the manifest stays readable: 12 lines, not 3,000). */
function compact(p: StyleProfiles): string {
  const rows = Object.entries(p.styles).map(([k, s]) => `      ${JSON.stringify(k)}: ${JSON.stringify(s)}`);
  return `{\n    "fittedOn": ${JSON.stringify(p.fittedOn)},\n    "styles": {\n${rows.join(",\n")}\n    }\n  }`;
}

const { values: v } = parseArgs({
  options: {
    "model-dir": { type: "string", default: DEFAULT_MODEL_DIR },
    "data-dir": { type: "string" },
    "dry-run": { type: "boolean", default: false },
  },
});
const data = v["data-dir"] ?? datasetsDir();
const { files } = listSplitCsv(path.join(data, "groove-midi/splits.csv"), "train");
const takes = files.map((f) => loadGroove(data, path.relative(path.join(data, "groove-midi"), f), "train")).filter((p): p is Piece => p !== undefined);
const profiles = buildStyleProfiles(takes, `groove-midi train split, ${takes.length} takes`);
for (const [style, p] of Object.entries(profiles.styles)) console.log(`${style.padEnd(12)} ${String(p.takes).padStart(4)} takes ${p.halfBars / 2} bars`);
if (!v["dry-run"]) {
  const file = path.join(v["model-dir"]!, "manifest.json");
  const manifest = JSON.parse(readFileSync(file, "utf8"));
  writeFileSync(file, JSON.stringify({ ...manifest, styles: "@styles" }, null, 2).replace('"@styles"', compact(profiles)) + "\n");
  console.log(`wrote styles into ${file}`);
}
