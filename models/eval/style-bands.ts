/**
 * The "bands" of `npm run model:eval-style`: whose pieces a style memory learns from, and whose held-out pieces it is
 * tested on. Only the train and valid rows of a dataset's splits.csv are read; the test splits are never touched.
 */
import { join, relative } from "node:path";
import { listSplitCsv } from "./pieces";
import { choraleCount, choralePath } from "./chorales";

export interface Band {
  name: string;
  source: "groove-midi" | "pop909" | "jsb-chorales";
  adapt: string[]; // train-split files to learn from
  test: string[]; // valid-split files, held out
}

const drummerOf = (file: string) => /groove-midi\/(drummer\d+)\//.exec(file)?.[1] ?? "";
const songOf = (file: string) => Number(/POP909\/(\d+)\//.exec(file)?.[1] ?? NaN);

/** Each groove-midi drummer with valid takes: its train takes to adapt on, its valid takes to test on. */
export function drummerBands(datasets: string): Band[] {
  const csv = join(datasets, "groove-midi", "splits.csv");
  const train = listSplitCsv(csv, "train").files;
  const valid = listSplitCsv(csv, "valid").files;
  const names = [...new Set(valid.map(drummerOf))].sort((a, b) => Number(a.slice(7)) - Number(b.slice(7)));
  return names.map((name) => ({
    name,
    source: "groove-midi",
    adapt: train.filter((f) => drummerOf(f) === name),
    test: valid.filter((f) => drummerOf(f) === name),
  }));
}

/**
 * pop909's train songs in id order, in groups of `size`; a group is tested on the valid songs whose ids fall in its
 * span (from its first id up to the next group's first), so the held-out songs come from the valid split, never train.
 * Groups with no valid song in their span are passed over.
 */
export function popBands(datasets: string, size = 20): Band[] {
  const csv = join(datasets, "pop909", "splits.csv");
  const train = listSplitCsv(csv, "train").files.sort((a, b) => songOf(a) - songOf(b));
  const valid = listSplitCsv(csv, "valid").files;
  const bands: Band[] = [];
  for (let at = 0; at < train.length; at += size) {
    const adapt = train.slice(at, at + size);
    const lo = songOf(adapt[0]);
    const hi = at + size < train.length ? songOf(train[at + size]) : Infinity;
    const test = valid.filter((f) => songOf(f) >= lo && songOf(f) < hi);
    if (test.length > 0) bands.push({ name: `pop909 ${String(lo).padStart(3, "0")}+`, source: "pop909", adapt, test });
  }
  return bands;
}

/**
 * A class studying Bach chorales: jsb-chorales' train chorales in order, in groups of `size`, each group tested on its
 * own share of the valid chorales (never the test key). The one style the shipped models never trained on.
 */
export function choraleBands(datasets: string, size = 20): Band[] {
  const train = choraleCount(datasets, "train");
  const groups = Math.ceil(train / size);
  const share = Math.floor(choraleCount(datasets, "valid") / groups);
  return Array.from({ length: groups }, (_, g) => ({
    name: `chorales ${g * size + 1}-${Math.min(train, (g + 1) * size)}`,
    source: "jsb-chorales" as const,
    adapt: Array.from({ length: Math.min(size, train - g * size) }, (_, i) => choralePath(datasets, "train", g * size + i)),
    test: Array.from({ length: share }, (_, i) => choralePath(datasets, "valid", g * share + i)),
  }));
}

/** Every band, drummers first, then pop909's groups and the chorale classes. */
export const allBands = (datasets: string): Band[] => [...drummerBands(datasets), ...popBands(datasets), ...choraleBands(datasets)];

/**
 * Every train and valid file of the named bands, as `<dataset>/<path in its splits.csv>`: what a base model must never
 * see for those bands to be ones it does not know (`npm run model:prepare -- --leave-out`). Throws on an unknown name.
 */
export function bandFiles(datasets: string, names: readonly string[]): Set<string> {
  const bands = allBands(datasets);
  const files = new Set<string>();
  for (const name of names) {
    const band = bands.find((b) => b.name === name);
    if (!band) throw new Error(`no band "${name}": the bands are ${bands.map((b) => b.name).join(", ")}`);
    for (const file of [...band.adapt, ...band.test]) files.add(`${band.source}/${relative(join(datasets, band.source), file)}`);
  }
  return files;
}
