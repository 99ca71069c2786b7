import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Split } from "./piece";

export interface SplitEntry {
  path: string;
  group: string;
  split: Split;
}

/** splits.csv (path,group,split) of a dataset folder, train and valid rows only, sorted by path. */
export function readSplits(dataDir: string, dataset: "pop909" | "groove-midi"): SplitEntry[] {
  const lines = readFileSync(join(dataDir, dataset, "splits.csv"), "utf8").trim().split("\n").slice(1);
  return lines
    .map((line) => {
      const [path, group, split] = line.trim().split(",");
      return { path, group, split: split as Split };
    })
    .filter((e) => e.split === "train" || e.split === "valid")
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
