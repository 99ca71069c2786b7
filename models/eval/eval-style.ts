/**
 * npm run model:eval-style: does an adaptation to a band's own pieces (groove-midi's drummers, groups of pop909 songs,
 * classes of chorales) make the model predict and write that band's held-out pieces better, without hurting the
 * others'? --method: the product's fine-tune (the shipped method, style-fine-tune.ts) or the style memory (here).
 */
import { writeFileSync } from "node:fs";
import { openSampler } from "./sample-model";
import { parseStyleEvalArgs, type StyleEvalOptions } from "./eval-style-args";
import { openTeacherForced } from "./model-nll";
import { allBands, type Band } from "./style-bands";
import { runBand, type BandRun } from "./style-band-run";
import { fineTuneBands } from "./style-fine-tune";
import { bandTable, nllRows, summarize, summaryLine } from "./style-report";
import { sampleBands, type AdaptedBand } from "./style-sampling";

const log = (msg: string) => console.error(`[eval-style] ${msg}`);

function pickBands(all: Band[], o: { drummers: number; popGroups: number; choraleGroups: number; bands?: string[] }): Band[] {
  if (o.bands) return o.bands.map((n) => all.find((b) => b.name === n) ?? fail(`no band "${n}" (${all.map((b) => b.name).join(", ")})`));
  const first = (source: Band["source"], n: number) => all.filter((b) => b.source === source).slice(0, n);
  return [...first("groove-midi", o.drummers), ...first("pop909", o.popGroups), ...first("jsb-chorales", o.choraleGroups)];
}

const fail = (m: string): never => {
  throw new Error(m);
};

/** Method A: each band's memory built and fitted on its adapt pieces, every held-out region scored by one model pass. */
async function memoryBands(bands: Band[], o: StyleEvalOptions) {
  const model = await openTeacherForced(o.modelDir, o.threads);
  const runs: BandRun[] = [];
  for (const band of bands) {
    const run = await runBand(band, { model, log, ...o });
    if (run) runs.push(run);
    else log(`${band.name}: no held-out region, passed over`);
  }
  await model.runner.close();
  const rows = nllRows(runs);
  const adapted: AdaptedBand[] = runs.map((run, i) => ({ row: rows[i], test: run.test, adaptation: { style: run.artifact } }));
  return { manifest: model.manifest, adapted };
}

const TITLES = { "fine-tune": "Fine-tune", "style-memory": "Style memory" };

async function main(): Promise<void> {
  const o = parseStyleEvalArgs(process.argv.slice(2));
  const bands = pickBands(allBands(o.datasets), o);
  const { manifest, adapted } = o.method === "fine-tune" ? await fineTuneBands(bands, o, log) : await memoryBands(bands, o);
  const rows = adapted.map((a) => a.row);

  if (o.sampleRegions > 0 && adapted.length > 0) {
    const sampler = await openSampler(o.modelDir, o.threads);
    await sampleBands(sampler, adapted, { regions: o.sampleRegions, candidates: o.candidates, seed: o.seed }, log);
    await sampler.close();
  }

  const summary = summarize(rows);
  const report = { options: o, model: { name: manifest.name, version: manifest.version, sha256: manifest.sha256 }, summary, bands: rows };
  if (o.out) writeFileSync(o.out, JSON.stringify(report, null, 2) + "\n");
  if (o.json) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  console.log(`### ${TITLES[o.method]}: held-out NLL and sampled regions, base → adapted\n\n${bandTable(rows)}\n`);
  console.log(summaryLine(summary));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
