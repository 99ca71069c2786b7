/**
 * Bach chorales (`../shared/datasets/jsb-chorales/Jsb16thSeparated.json`: SATB pitches on a 16th grid, -1 for a rest)
 * as evaluation pieces: a class studying chorales, for `model:eval-style`. The shipped models never trained on them
 * (the datasets README keeps shipped models to pop909 and groove-midi), so they are the one style here the base model
 * has not learned. Only the JSON's train and valid keys are read, never test. Soprano is the melody, alto the counter
 * line, tenor and bass the accompaniment, as pop909's MELODY / BRIDGE / PIANO. The grid cannot tell a held note from a
 * repeated one: equal steps of a voice join into one note. Read as 4/4 at 100 bpm.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { NoteWithId, Track } from "../../lib/doc-schema";
import { TICKS_PER_BEAT } from "../../lib/time";
import type { EvalPiece } from "./pieces";

export type ChoraleSplit = "train" | "valid";
const FILE = "Jsb16thSeparated.json";
const STEP = TICKS_PER_BEAT / 4;
const TRACKS: (Track & { id: string })[] = [
  { id: "melody", name: "Soprano", role: "melody", instrument: "lead", order: 0 },
  { id: "counter", name: "Alto", role: "counter", instrument: "lead", order: 1 },
  { id: "piano", name: "Tenor and bass", role: "chords", instrument: "piano", order: 2 },
];
const VOICE_TRACK = ["melody", "counter", "piano", "piano"];

/** A chorale's pseudo-path, `<datasets>/jsb-chorales/Jsb16thSeparated.json#train/12`, for band lists. */
export const choralePath = (datasets: string, split: ChoraleSplit, index: number): string => `${join(datasets, "jsb-chorales", FILE)}#${split}/${index}`;
const PATH = /^(.*)#(train|valid)\/(\d+)$/;
export const isChoralePath = (file: string): boolean => PATH.test(file) && file.includes(`jsb-chorales/${FILE}#`);

const cache = new Map<string, Record<string, number[][][]>>();
function readSplits(file: string): Record<string, number[][][]> {
  let data = cache.get(file);
  if (!data) {
    data = JSON.parse(readFileSync(file, "utf8")) as Record<string, number[][][]>;
    cache.set(file, data);
  }
  return data;
}

/** How many chorales a split holds. */
export const choraleCount = (datasets: string, split: ChoraleSplit): number => readSplits(join(datasets, "jsb-chorales", FILE))[split].length;

/** The chorale a pseudo-path names; null when it is not one. */
export function loadChorale(file: string, source: string): EvalPiece | null {
  const m = PATH.exec(file);
  if (!m || !isChoralePath(file)) return null;
  const steps = readSplits(m[1])[m[2]]?.[Number(m[3])];
  if (!steps) throw new Error(`${file}: no such chorale`);
  const notes: NoteWithId[] = [];
  for (let voice = 0; voice < 4; voice++) {
    let at = 0;
    while (at < steps.length) {
      const pitch = steps[at][voice];
      let end = at + 1;
      while (end < steps.length && steps[end][voice] === pitch) end++;
      if (pitch >= 0) notes.push({ id: `v${voice}-${at}`, track: VOICE_TRACK[voice], pitch, start: at * STEP, duration: (end - at) * STEP, velocity: 80 });
      at = end;
    }
  }
  notes.sort((a, b) => a.start - b.start || a.pitch - b.pitch || a.track.localeCompare(b.track) || b.duration - a.duration);
  // tenor and bass in unison share the accompaniment track: one note, the longer (a track plays a pitch once at a time)
  const heard = notes.filter((n, i) => i === 0 || !(n.track === notes[i - 1].track && n.start === notes[i - 1].start && n.pitch === notes[i - 1].pitch));
  return { id: `chorale-${m[2]}-${m[3]}`, source, loader: "midi", meta: { bpm: 100, beatsPerBar: 4, beatUnit: 4 }, tracks: TRACKS, notes: heard, bars: Math.ceil(steps.length / 16) };
}
