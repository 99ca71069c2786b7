/**
 * npx tsx models/eval/style-probe.ts [--model-dir DIR] [--context songs|takes] [--takes 20] [--styles rock,funk,jazz,latin,hiphop] [--bars 2]
 *     [--tokens-only] [--with-density] [--guidance W]
 *
 * Does the style control change what the model plays? A classifier (style-classifier.ts) is trained on groove-midi's
 * train takes of these styles (windows of --bars bars) and checked on the valid takes' own windows. Then the model
 * writes drums once for each style asked, and the classifier names the style of what it wrote:
 *   songs (default): pop909 valid songs, which have no drums: drums for --bars bars from bar 9, the song as context
 *                    (what a band asks when its song has no drummer yet);
 *   takes:           groove-midi valid takes: their own drums for --bars bars in the middle, the rest of the take as
 *                    context whatever its style (the harder test: the context argues for its own style).
 * Prints the share named as asked (chance is 1 / styles), per style, and the classifier's accuracy on the originals.
 * --with-density asks for the style's own notes a bar (its profile in the manifest) as a density token too, as the decoder
 * does when it steers: with the tokens alone, a style token by itself gets no drums at all in a song that has none.
 * --guidance W: classifier-free guidance (control-probe.ts).
 */
import path from "node:path";
import { parseArgs } from "node:util";
import type { Style } from "../../lib/controls";
import { ticksPerBar } from "../../lib/time";
import { datasetsDir } from "../prepare/datasets-dir";
import { loadGroove } from "../prepare/groove";
import type { Piece } from "../prepare/piece";
import { DRUM_TRACK, GRID_PER_BEAT, TICKS_PER_GRID, type TokNote } from "../tokenizer";
import { listSplitCsv, loadPiece, type EvalPiece } from "./pieces";
import { openSampler } from "./sample-model";
import { styleFeatures, trainStyleClassifier } from "./style-classifier";
import { DEFAULT_MODEL_DIR } from "../../server/inference/default-model";
import { loadManifest } from "../../server/inference/manifest";
import { withStyleDensity } from "../../server/inference/steer";

const { values: a } = parseArgs({
  options: {
    "model-dir": { type: "string", default: DEFAULT_MODEL_DIR },
    takes: { type: "string", default: "20" },
    styles: { type: "string", default: "rock,funk,jazz,latin,hiphop" },
    bars: { type: "string", default: "2" },
    seed: { type: "string", default: "1" },
    context: { type: "string", default: "songs" },
    "tokens-only": { type: "boolean", default: false },
    "with-density": { type: "boolean", default: false },
    guidance: { type: "string", default: "1" },
  },
});
const styles = a.styles!.split(",") as Style[];
const bars = Number(a.bars);
const data = datasetsDir();
const BAR = 4 * GRID_PER_BEAT;

/** A take's 4/4 windows of `bars` bars, notes from each window's downbeat. */
const windows = (p: Piece): TokNote[][] =>
  p.segments
    .filter((s) => s.beatsPerBar === 4)
    .flatMap((s) =>
      Array.from({ length: Math.floor(s.bars / bars) }, (_, w) =>
        s.notes.filter((n) => n.start >= w * bars * BAR && n.start < (w + 1) * bars * BAR).map((n) => ({ ...n, start: n.start - w * bars * BAR })),
      ),
    )
    .filter((w) => w.length > 0);

const takesOf = (split: "train" | "valid") =>
  listSplitCsv(path.join(data, "groove-midi/splits.csv"), split)
    .files.map((f) => loadGroove(data, path.relative(path.join(data, "groove-midi"), f), split))
    .filter((p): p is Piece => p !== undefined && p.style !== undefined && styles.includes(p.style));

const train = takesOf("train").flatMap((p) => windows(p).map((w) => ({ x: styleFeatures(w, bars), label: p.style! })));
const clf = trainStyleClassifier(train);
const valid = takesOf("valid");
const ownByStyle = new Map<Style, boolean[]>(styles.map((s) => [s, []]));
const own = valid.flatMap((p) => windows(p).map((w) => clf.predict(styleFeatures(w, bars)) === p.style));
const ownNotes = new Map<Style, number[]>(styles.map((s) => [s, []])); // notes a bar of the originals
for (const p of valid)
  for (const w of windows(p)) {
    ownByStyle.get(p.style as Style)!.push(clf.predict(styleFeatures(w, bars)) === p.style);
    ownNotes.get(p.style as Style)!.push(w.length / bars);
  }
console.error(`classifier: ${train.length} train windows; on valid originals ${(own.filter(Boolean).length / own.length).toFixed(2)} (${own.length} windows)`);

/** Pieces to write drums in, and where. */
function* contexts(): Generator<{ piece: EvalPiece; startBar: number }> {
  if (a.context === "takes") {
    for (const take of valid) {
      const piece = loadPiece(path.join(data, "groove-midi", take.id), "groove-midi");
      if (piece && piece.meta.beatsPerBar === 4 && piece.bars >= bars + 4) yield { piece, startBar: Math.floor((piece.bars - bars) / 2) };
    }
    return;
  }
  if (a.context !== "songs") throw new Error(`--context must be songs or takes, not ${a.context}`);
  for (const file of listSplitCsv(path.join(data, "pop909/splits.csv"), "valid").files) {
    const song = loadPiece(file, "pop909");
    if (song && song.meta.beatsPerBar === 4 && song.bars >= 8 + bars) yield { piece: { ...song, tracks: [...song.tracks, DRUMS] }, startBar: 8 };
  }
}
const DRUMS = { id: "drums", name: "Drums", role: "drums", instrument: "drums", order: 3 } as const;

const inference = await openSampler(a["model-dir"]!, 1);
const { styles: profiles } = (await loadManifest(a["model-dir"]!)).manifest;
const asked = new Map<Style, boolean[]>(styles.map((s) => [s, []]));
const named = new Map<Style, Record<string, number>>(styles.map((s) => [s, {}])); // asked -> what the classifier named
const wrote = new Map<Style, number[]>(styles.map((s) => [s, []])); // notes a bar written
let used = 0;
for (const { piece, startBar } of contexts()) {
  if (used >= Number(a.takes)) break;
  const i = used++;
  const tpb = ticksPerBar(piece.meta);
  const region = { startBar, endBar: startBar + bars, pitchLo: 0, pitchHi: 127, trackIds: ["drums"] };
  const inside = (n: { track: string; start: number }) => n.track === "drums" && n.start >= startBar * tpb && n.start < region.endBar * tpb;
  for (const style of styles) {
    const res = await inference.generate({
      mode: "infill", notes: piece.notes.filter((n) => !inside(n)), tracks: piece.tracks, meta: piece.meta, region,
      candidates: 1, temperature: 1, topP: 0.95, seed: Number(a.seed) + i, timeoutMs: 120_000, controls: a["with-density"] ? withStyleDensity({ style }, true, profiles) : { style },
      steer: !a["tokens-only"], // --tokens-only: the style token alone, without the decoder's drum style bias
      guidance: Number(a.guidance),
    });
    const grid = res.candidates[0].map((n) => ({ track: DRUM_TRACK, pitch: n.pitch, start: (n.start - startBar * tpb) / TICKS_PER_GRID, duration: 3 }));
    const said = clf.predict(styleFeatures(grid, bars));
    wrote.get(style)!.push(grid.length / bars);
    asked.get(style)!.push(said === style);
    const row = named.get(style)!;
    row[said] = (row[said] ?? 0) + 1;
  }
}
await inference.close();
const mean = (xs: number[]) => (xs.length === 0 ? 0 : Math.round((xs.reduce((x, y) => x + y, 0) / xs.length) * 10) / 10);
const share = (xs: boolean[]) => (xs.length === 0 ? 0 : xs.filter(Boolean).length / xs.length);
const all = [...asked.values()].flat();
console.log(JSON.stringify({
  model: a["model-dir"], context: a.context, tokensOnly: a["tokens-only"], withDensity: a["with-density"], guidance: Number(a.guidance), pieces: used, bars, chance: 1 / styles.length,
  classifierOnOriginals: share(own), namedAsAsked: share(all),
  perStyle: Object.fromEntries([...asked].map(([s, xs]) => [s, share(xs)])),
  classifierOnOriginalsPerStyle: Object.fromEntries([...ownByStyle].map(([s, xs]) => [s, share(xs)])),
  namedWhenAsked: Object.fromEntries(named),
  notesPerBar: Object.fromEntries(styles.map((s) => [s, { written: mean(wrote.get(s)!), originals: mean(ownNotes.get(s)!) }])),
}, null, 1));
