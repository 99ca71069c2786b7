/**
 * npm run model:eval-style: does a style memory built from a band's own pieces (groove-midi's drummers, groups of
 * pop909 songs) make the model predict and write that band's held-out pieces better, without hurting the others'?
 */
import { writeFileSync } from "node:fs";
import { openSampler } from "./sample-model";
import { parseStyleEvalArgs } from "./eval-style-args";
import { openTeacherForced } from "./model-nll";
import { allBands, type Band } from "./style-bands";
import { runBand, type BandRun } from "./style-band-run";
import { bandTable, nllRows, summarize, summaryLine, type BandRow } from "./style-report";
import { baseSamples, sampledCell, sampleRegion, type RegionSample } from "./style-sampling";
import type { EvalTask } from "./tasks";

const log = (msg: string) => console.error(`[eval-style] ${msg}`);

function pickBands(all: Band[], o: { drummers: number; popGroups: number; choraleGroups: number; bands?: string[] }): Band[] {
  if (o.bands) return o.bands.map((n) => all.find((b) => b.name === n) ?? fail(`no band "${n}" (${all.map((b) => b.name).join(", ")})`));
  const first = (source: Band["source"], n: number) => all.filter((b) => b.source === source).slice(0, n);
  return [...first("groove-midi", o.drummers), ...first("pop909", o.popGroups), ...first("jsb-chorales", o.choraleGroups)];
}

const fail = (m: string): never => {
  throw new Error(m);
};

async function main(): Promise<void> {
  const o = parseStyleEvalArgs(process.argv.slice(2));
  const bands = pickBands(allBands(o.datasets), o);
  const model = await openTeacherForced(o.modelDir, o.threads);
  const runs: BandRun[] = [];
  for (const band of bands) {
    const run = await runBand(band, { model, log, ...o });
    if (run) runs.push(run);
    else log(`${band.name}: no held-out region, passed over`);
  }
  await model.runner.close();
  const rows: BandRow[] = nllRows(runs);

  if (o.sampleRegions > 0 && runs.length > 0) {
    const sampler = await openSampler(o.modelDir, o.threads);
    const base = baseSamples(sampler, o.candidates, o.seed);
    const picked = new Map(runs.map((r) => [r, r.test.slice(0, o.sampleRegions).map((t) => t.task)]));
    const t0 = performance.now();
    for (const [i, run] of runs.entries()) {
      const collect = async (tasks: EvalTask[]) => {
        const b: RegionSample[] = [];
        const a: RegionSample[] = [];
        for (const t of tasks) {
          b.push(await base(t));
          a.push(await sampleRegion(sampler, t, o.candidates, o.seed, run.artifact));
        }
        return { base: sampledCell(b), adapted: sampledCell(a) };
      };
      // Others: each other band's first sampled region, so the cost grows with bands, not bands squared times regions.
      const others = runs.filter((r) => r !== run).flatMap((r) => picked.get(r)!.slice(0, 1));
      rows[i].sampled = { own: await collect(picked.get(run)!), others: await collect(others) };
      log(`${run.band.name}: sampled (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
    await sampler.close();
  }

  const summary = summarize(rows);
  const report = { options: o, model: { name: model.manifest.name, version: model.manifest.version, sha256: model.manifest.sha256 }, summary, bands: rows };
  if (o.out) writeFileSync(o.out, JSON.stringify(report, null, 2) + "\n");
  if (o.json) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  console.log(`### Style memory: held-out NLL and sampled regions, base → adapted\n\n${bandTable(rows)}\n`);
  console.log(summaryLine(summary));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
