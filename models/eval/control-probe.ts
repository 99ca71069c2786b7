/**
 * npx tsx models/eval/control-probe.ts --model-dir DIR [--songs 20] [--bars 9-12] [--controls density,register,activity]
 *     [--track melody] [--tokens-only] [--guidance W]
 *
 * Controllability on held-out songs (pop909 valid, read as model:prepare reads them), as MMM and MusIAC measure it:
 * the melody (or --track: counter, piano) of the bars, every other track as context, asked for each bucket of a
 * control in turn (one candidate each); the achieved bucket is measured on what the model wrote
 * (models/tokenizer/controls.ts). Prints, per control, the share of exact hits and of hits within one bucket, and
 * Spearman's rank correlation (controllability.ts).
 * --tokens-only asks with the control tokens alone (the decoder holds nothing): what the model itself learned. Energy
 * is then not measured: the tokenizer has no velocity, so a note's velocity always comes from the decoder.
 * --guidance W (1 or more) decodes each region a second time without its controls and counts the difference W times:
 * classifier-free guidance (server/inference/decode.ts), what the model learned the tokens mean, amplified.
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { controlBuckets, TRACK_CONTROLS, type TrackControlName } from "../../lib/controls";
import { ticksPerBar } from "../../lib/time";
import { datasetsDir } from "../prepare/datasets-dir";
import { measureTrack, quarterBeatsPerBar, TICKS_PER_GRID } from "../tokenizer";
import { scoreControl, type ControlTrial } from "./controllability";
import { listSplitCsv, loadPiece } from "./pieces";
import { openSampler } from "./sample-model";
import { DEFAULT_MODEL_DIR } from "../../server/inference/default-model";

const { values: a } = parseArgs({
  options: {
    "model-dir": { type: "string", default: DEFAULT_MODEL_DIR },
    songs: { type: "string", default: "20" },
    bars: { type: "string", default: "9-12" },
    track: { type: "string", default: "melody" },
    controls: { type: "string", default: "density,register,activity" },
    seed: { type: "string", default: "1" },
    "tokens-only": { type: "boolean", default: false },
    guidance: { type: "string", default: "1" },
  },
});
const [first, last] = a.bars!.split("-").map(Number);
const names = a.controls!.split(",") as TrackControlName[];
for (const n of names) if (!TRACK_CONTROLS.includes(n)) throw new Error(`--controls: unknown control '${n}'`);
if (a["tokens-only"] && names.includes("energy")) throw new Error("--tokens-only: energy is a velocity the decoder sets; leave it out of --controls");
const inference = await openSampler(a["model-dir"]!, 1);
const files = listSplitCsv(join(datasetsDir(), "pop909/splits.csv"), "valid").files.slice(0, Number(a.songs));
const trials = new Map<TrackControlName, ControlTrial[]>(names.map((n) => [n, []]));
let regions = 0;
for (const [i, file] of files.entries()) {
  const piece = loadPiece(file, "pop909");
  if (!piece || piece.bars < last) continue;
  const tpb = ticksPerBar(piece.meta);
  const region = { startBar: first - 1, endBar: last, pitchLo: 0, pitchHi: 127, trackIds: [a.track!] };
  const inside = (n: { track: string; start: number }) => n.track === a.track && n.start >= region.startBar * tpb && n.start < region.endBar * tpb;
  if (!piece.notes.some(inside)) continue;
  regions++;
  for (const name of names)
    // the extremes only where a melody can reach them: no silent density, no very low or very high register
    for (let bucket = name === "density" ? 1 : 0; bucket < controlBuckets(name) - (name === "register" ? 1 : 0); bucket++) {
      if (name === "register" && bucket === 0) continue;
      const res = await inference.generate({
        mode: "infill", notes: piece.notes.filter((n) => !inside(n)), tracks: piece.tracks, meta: piece.meta, region,
        candidates: 1, temperature: 0.9, topP: 0.95, seed: Number(a.seed) + i, timeoutMs: 120_000, controls: { [name]: bucket },
        steer: !a["tokens-only"], guidance: Number(a.guidance),
      });
      const grid = res.candidates[0].map((n) => ({ track: 0, pitch: n.pitch, start: (n.start - region.startBar * tpb) / TICKS_PER_GRID, duration: 1, velocity: n.velocity }));
      const achieved = measureTrack(grid, 0, last - first + 1, quarterBeatsPerBar(piece.meta))[name] ?? 0;
      trials.get(name)!.push({ requested: bucket, achieved });
    }
}
await inference.close();
const out = Object.fromEntries([...trials].map(([n, t]) => [n, scoreControl(t)]));
console.log(JSON.stringify({ model: a["model-dir"], regions, bars: a.bars, tokensOnly: a["tokens-only"], guidance: Number(a.guidance), controls: out }, null, 1));
