import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DRUM_TRACK, GRID_PER_BEAT, styleOfLabel, type Style } from "../tokenizer";
import { readMidi } from "./midi-notes";
import { dedupeNotes, type Piece, type Split } from "./piece";

/** Drum hits have no meaningful length: every hit is written as a sixteenth, so the model never spends effort on it. */
export const DRUM_DURATION = 3;

/** Roland TD-11 articulations folded onto General MIDI drums (the Groove MIDI Dataset's drum mapping). */
const ROLAND_TO_GM: Record<number, number> = {
  22: 42, // hi-hat closed (edge) -> closed hi-hat
  26: 46, // hi-hat open (edge) -> open hi-hat
  40: 38, // snare rim -> snare
  58: 43, // tom 3 rim -> high floor tom
  50: 48, // tom 1 rim -> hi-mid tom
  47: 45, // tom 2 rim -> low tom
  55: 49, // crash 1 edge -> crash 1
  52: 57, // crash 2 edge -> crash 2
  59: 51, // ride edge -> ride
};
export const foldDrumPitch = (pitch: number): number => ROLAND_TO_GM[pitch] ?? pitch;

/** Onsets within a beat on a straight-sixteenth grid and on a triplet grid, in grid ticks. */
const STRAIGHT = [0, 3, 6, 9, 12];
const TRIPLET = [0, 4, 8, 12];

const snap = (x: number, grid: number[]): number => grid.reduce((a, b) => (Math.abs(b - x) < Math.abs(a - x) ? b : a));

/**
 * Quantizes performed onsets (in beats) to sixteenths or to triplets, whichever fits the whole take better:
 * snapping human timing to the bare 12-a-beat grid would keep its jitter as noise the model must learn.
 */
export function quantizeOnsets(beats: number[]): number[] {
  const ticks = beats.map((b) => b * GRID_PER_BEAT);
  const error = (grid: number[]) =>
    ticks.reduce((sum, t) => {
      const f = t - Math.floor(t / GRID_PER_BEAT) * GRID_PER_BEAT;
      return sum + Math.abs(snap(f, grid) - f);
    }, 0);
  const grid = error(STRAIGHT) <= error(TRIPLET) ? STRAIGHT : TRIPLET;
  return ticks.map((t) => {
    const beat = Math.floor(t / GRID_PER_BEAT);
    return beat * GRID_PER_BEAT + snap(t - beat * GRID_PER_BEAT, grid);
  });
}

/** Bar length of a take from the `_<n>-<d>.mid` in its name; odd meters (5/4, 5/8, 6/8) are skipped. */
export function grooveBeatsPerBar(path: string): number | undefined {
  const m = /_(\d+)-(\d+)\.mid$/.exec(path);
  if (!m || m[2] !== "4") return undefined;
  const n = Number(m[1]);
  return n === 4 || n === 3 ? n : undefined;
}

/** A take's style from its file name (`1_funk_80_beat_4-4.mid`, `10_jazz-funk_116_fill_4-4.mid`: funk, jazz). */
export function grooveStyle(path: string): Style | undefined {
  const name = path.split("/").pop() ?? "";
  return styleOfLabel(name.split("_")[1]?.split("-")[0] ?? "");
}

/** A take: the MIDI beat grid (one tempo, recorded to a click) gives the beats, tick 0 is a downbeat. */
export function loadGroove(dataDir: string, path: string, split: Split): Piece | undefined {
  const beatsPerBar = grooveBeatsPerBar(path);
  if (!beatsPerBar) return undefined;
  const midi = readMidi(readFileSync(join(dataDir, "groove-midi", path)));
  const hits = midi.notes.filter((n) => n.channel === 9);
  const onsets = quantizeOnsets(hits.map((n) => n.startTick / midi.ticksPerBeat));
  const notes = dedupeNotes(
    hits.map((n, i) => ({ track: DRUM_TRACK, pitch: foldDrumPitch(n.pitch), start: onsets[i], duration: DRUM_DURATION, velocity: n.velocity })),
  );
  if (notes.length === 0) return undefined;
  const barLen = beatsPerBar * GRID_PER_BEAT;
  const bars = Math.floor(notes[notes.length - 1].start / barLen) + 1;
  return { source: "groove", id: path, split, tracks: [DRUM_TRACK], pitched: false, style: grooveStyle(path), segments: [{ beatsPerBar, bars, notes }] };
}
