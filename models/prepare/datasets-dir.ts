/** Where the training datasets are: $TANDEM_DATASETS, else ../shared/datasets beside the checkout, else /work/shared/datasets. */
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export function datasetsDir(): string {
  const candidates = [process.env.TANDEM_DATASETS, resolve(ROOT, "../shared/datasets"), "/work/shared/datasets"].filter(
    (d): d is string => !!d,
  );
  const found = candidates.find((d) => existsSync(resolve(d, "pop909")));
  if (!found) throw new Error(`no datasets folder found (looked in ${candidates.join(", ")}); set TANDEM_DATASETS`);
  return found;
}
