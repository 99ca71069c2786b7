/**
 * npx tsx models/eval/melody-fill.ts [--bars 9-12[,17-20...]] [--candidates 3] [--temperature 0.9] [--repetition 3] [--songs N]
 *     [--ask-original density,register,activity] [--guidance W] [--tokens-only]
 *
 * The question people ask most, as `npm run generate -- --infill 9-12 --tracks melody --candidates 3` asks it: the
 * melody of four bars, every other track as context, on pop909's valid songs (read as model:prepare reads them).
 * Prints, over the songs whose original melody has notes there: the share of candidates (and of regions) with notes,
 * the median note-count ratio to the original, and the share of distinct candidates.
 * --ask-original asks for these controls at the buckets the original melody has (as training measures them): what
 * steering at the right setting gives, at guidance W (default 1: as learned); --tokens-only without the decoder's hold.
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { TRACK_CONTROLS, type GenerationControls, type TrackControlName } from "../../lib/controls";
import type { Note } from "../../lib/doc-schema";
import { ticksPerBar } from "../../lib/time";
import { measureTrack, quarterBeatsPerBar, TICKS_PER_GRID } from "../tokenizer";
import { datasetsDir } from "../prepare/datasets-dir";
import { listSplitCsv, loadPiece } from "./pieces";
import { openSampler } from "./sample-model";
import { fillFigures, type FilledRegion } from "./melody-fill-figures";
import { DEFAULT_MODEL_DIR } from "../../server/inference/default-model";

const { values: a } = parseArgs({
  options: {
    bars: { type: "string", default: "9-12" },
    candidates: { type: "string", default: "3" },
    temperature: { type: "string", default: "0.9" },
    "top-p": { type: "string", default: "0.95" },
    repetition: { type: "string" },
    songs: { type: "string" },
    seed: { type: "string", default: "1" },
    "model-dir": { type: "string", default: DEFAULT_MODEL_DIR },
    verbose: { type: "boolean", default: false },
    "ask-original": { type: "string" },
    "tokens-only": { type: "boolean", default: false },
    guidance: { type: "string", default: "1" },
  },
});
const spans = a.bars!.split(",").map((s) => s.split("-").map(Number));
const asked = (a["ask-original"]?.split(",") ?? []) as TrackControlName[];
for (const name of asked) if (!TRACK_CONTROLS.includes(name)) throw new Error(`--ask-original: unknown control '${name}'`);
const inference = await openSampler(a["model-dir"]!, 1);
const files = listSplitCsv(join(datasetsDir(), "pop909/splits.csv"), "valid").files.slice(0, a.songs ? Number(a.songs) : undefined);
const regions: FilledRegion[] = [];
for (const [i, file] of files.entries()) {
  const piece = loadPiece(file, "pop909");
  for (const [first, last] of spans) {
    if (!piece || piece.bars < last) continue;
    const tpb = ticksPerBar(piece.meta);
    const region = { startBar: first - 1, endBar: last, pitchLo: 0, pitchHi: 127, trackIds: ["melody"] };
    const inside = (n: { track: string; start: number }) => n.track === "melody" && n.start >= region.startBar * tpb && n.start < region.endBar * tpb;
    const truth = piece.notes.filter(inside).map(({ id: _id, ...n }) => n);
    if (truth.length === 0) continue;
    const res = await inference.generate({
      mode: "infill",
      notes: piece.notes.filter((n) => !inside(n)),
      tracks: piece.tracks,
      meta: piece.meta,
      region,
      candidates: Number(a.candidates),
      temperature: Number(a.temperature),
      topP: Number(a["top-p"]),
      repetition: a.repetition === undefined ? undefined : Number(a.repetition),
      seed: Number(a.seed) + i,
      timeoutMs: 120_000,
      controls: asked.length > 0 ? originalControls(truth, region.startBar * tpb, last - first + 1, quarterBeatsPerBar(piece.meta)) : undefined,
      guidance: Number(a.guidance),
      steer: !a["tokens-only"],
    });
    const accompaniment = piece.notes.filter((n) => n.track !== "melody" && n.start < region.endBar * tpb && n.start + n.duration > region.startBar * tpb);
    regions.push({ truth, accompaniment, candidates: res.candidates });
    const counts = res.candidates.map((c) => c.length).join(" ");
    if (a.verbose) console.error(`${piece.id} bars ${first}-${last}: original ${truth.length}, candidates ${counts} (${res.latencyMs} ms)`);
  }
}
await inference.close();
console.log(JSON.stringify(fillFigures(regions), null, 1));

/** The buckets the original region's notes have, of the controls asked. */
function originalControls(truth: Note[], from: number, bars: number, beats: number): GenerationControls {
  const grid = truth.map((n) => ({ track: 0, pitch: n.pitch, start: (n.start - from) / TICKS_PER_GRID, duration: 1, velocity: n.velocity }));
  const achieved = measureTrack(grid, 0, bars, beats);
  return Object.fromEntries(asked.map((name) => [name, achieved[name]]));
}
