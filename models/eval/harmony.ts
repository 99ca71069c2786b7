/**
 * The harmony a region is heard against, for the chord-tone ratio: pop909's chord annotations (`chord_midi.txt`,
 * seconds and Harte labels) placed on the piece's bars as model:prepare places its notes, or, for any other piece,
 * the pitch classes the other (pitched) tracks sound.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isDrumTrack, type Note } from "../../lib/doc-schema";
import type { Region } from "../../lib/region";
import { TICKS_PER_GRID } from "../tokenizer";
import { beatPosition, regularRuns, toGrid, usualBarLength } from "../prepare/beat-grid";
import { parseBeats } from "../prepare/pop909";
import type { HarmonyAt } from "./metrics";
import type { EvalPiece } from "./pieces";

/** A chord in document ticks; no pitch classes for "N" (no chord). */
export interface ChordSpan {
  start: number;
  end: number;
  pitchClasses: number[];
}

const SHORTHANDS: Record<string, number[]> = {
  maj: [0, 4, 7], min: [0, 3, 7], dim: [0, 3, 6], aug: [0, 4, 8], sus2: [0, 2, 7], sus4: [0, 5, 7], "5": [0, 7], "1": [0],
  maj7: [0, 4, 7, 11], min7: [0, 3, 7, 10], "7": [0, 4, 7, 10], dim7: [0, 3, 6, 9], hdim7: [0, 3, 6, 10], minmaj7: [0, 3, 7, 11],
  maj6: [0, 4, 7, 9], min6: [0, 3, 7, 9], "9": [0, 4, 7, 10, 14], maj9: [0, 4, 7, 11, 14], min9: [0, 3, 7, 10, 14],
};
const DEGREES: Record<string, number> = { "1": 0, "2": 2, "3": 4, "4": 5, "5": 7, "6": 9, "7": 11, "9": 14, "11": 17, "13": 21 };
const LETTERS: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };
const LABEL = /^([A-G])([b#]*)(?::([^(/]*))?(?:\(([^)]*)\))?(?:\/([b#]*\d+))?$/;

const accidental = (s: string) => [...s].reduce((t, c) => t + (c === "#" ? 1 : -1), 0);

function interval(degree: string, label: string): number {
  const m = /^([b#]*)(\d+)$/.exec(degree.trim());
  if (!m || DEGREES[m[2]] === undefined) throw new Error(`chord label "${label}": unknown degree "${degree}"`);
  return DEGREES[m[2]] + accidental(m[1]);
}

/** Pitch classes of a Harte chord label ("A:min7/b7", "G:sus4(b7)", "C:(1,3,5)", "N"); the bass note counts. */
export function parseChordLabel(label: string): number[] {
  if (label === "N" || label === "X") return [];
  const m = LABEL.exec(label.trim());
  if (!m) throw new Error(`chord label "${label}" is not root:quality(degrees)/bass`);
  const [, letter, acc, quality, degrees, bass] = m;
  const shorthand = quality === undefined ? "maj" : quality;
  if (shorthand !== "" && !SHORTHANDS[shorthand]) throw new Error(`chord label "${label}": unknown quality "${shorthand}"`);
  const tones = new Set(shorthand === "" ? [] : SHORTHANDS[shorthand]);
  for (const d of degrees ? degrees.split(",") : []) {
    if (d.trim().startsWith("*")) tones.delete(interval(d.trim().slice(1), label));
    else tones.add(interval(d, label));
  }
  if (bass) tones.add(interval(bass, label));
  const root = LETTERS[letter] + accidental(acc);
  return [...new Set([...tones].map((t) => (((root + t) % 12) + 12) % 12))].sort((a, b) => a - b);
}

/** chord_midi.txt: one chord a line, start and end in seconds and a label, tab- or space-separated. */
export function parseChordFile(text: string, name = "chord_midi.txt"): { startSec: number; endSec: number; label: string }[] {
  return text
    .split("\n")
    .map((line, i) => [line.trim().split(/\s+/), i + 1] as const)
    .filter(([cols]) => cols[0] !== "")
    .map(([cols, line]) => {
      const [startSec, endSec] = [Number(cols[0]), Number(cols[1])];
      if (cols.length !== 3 || !Number.isFinite(startSec) || !Number.isFinite(endSec)) throw new Error(`${name} line ${line}: expected "start end label"`);
      return { startSec, endSec, label: cols[2] };
    });
}

/** Seconds to ticks as pop909's notes are mapped (models/prepare/pop909.ts alignToBeats): beats from `firstBeat`, on the grid. */
export function chordSpansInTicks(chords: ReturnType<typeof parseChordFile>, beatTimes: readonly number[], firstBeat: number): ChordSpan[] {
  const tick = (sec: number) => toGrid(beatPosition(beatTimes, sec) - firstBeat) * TICKS_PER_GRID;
  return chords.map((c) => ({ start: tick(c.startSec), end: tick(c.endSec), pitchClasses: parseChordLabel(c.label) }));
}

const MIN_RUN_BARS = 2; // models/prepare/pop909.ts: the shortest run of regular bars that becomes a segment

/**
 * The chords of a pop909 song in the ticks of its segment `chosen` (of the segments prepare kept, in order), or null
 * without chord_midi.txt or when that segment's run of bars cannot be told apart (prepare drops runs without notes).
 */
export function loadPop909Chords(songDir: string, segments: readonly { bars: number }[], chosen: number): ChordSpan[] | null {
  const file = join(songDir, "chord_midi.txt");
  if (!existsSync(file)) return null;
  const beats = parseBeats(readFileSync(join(songDir, "beat_midi.txt"), "utf8"));
  const runs = regularRuns(beats.downbeats, usualBarLength(beats.downbeats), beats.times.length, MIN_RUN_BARS);
  const sameBars = runs.filter((r) => r.bars === segments[chosen].bars);
  const run = runs.length === segments.length ? runs[chosen] : sameBars.length === 1 ? sameBars[0] : undefined;
  return run ? chordSpansInTicks(parseChordFile(readFileSync(file, "utf8"), file), beats.times, run.firstBeat) : null;
}

export function chordsAt(spans: readonly ChordSpan[]): HarmonyAt {
  return (tick) => {
    const span = spans.find((s) => s.start <= tick && tick < s.end);
    return span ? new Set(span.pitchClasses) : null;
  };
}

/** The pitch classes sounding at a tick among `notes` (the fallback harmony: the accompaniment itself). */
export function soundingAt(notes: readonly Note[]): HarmonyAt {
  return (tick) => new Set(notes.filter((a) => a.start <= tick && tick < a.start + a.duration).map((a) => a.pitch % 12));
}

export type HarmonySource = "chord_midi.txt" | "other tracks";
export interface RegionHarmony {
  source: HarmonySource;
  at: HarmonyAt;
}

/**
 * The region's real harmony: the piece's chord annotations where it has them, else the pitched notes of the tracks
 * the region leaves alone sounding in its bars; null when there are neither (drums alone, a continuation of all).
 */
export function regionHarmony(
  piece: Pick<EvalPiece, "chords" | "tracks">,
  region: Region,
  context: readonly Note[],
  ticksPerBar: number,
): RegionHarmony | null {
  if (piece.chords) return { source: "chord_midi.txt", at: chordsAt(piece.chords) };
  const drums = new Set(piece.tracks.filter((t) => isDrumTrack(t)).map((t) => t.id));
  const [from, to] = [region.startBar * ticksPerBar, region.endBar * ticksPerBar];
  const others = context.filter((n) => !region.trackIds.includes(n.track) && !drums.has(n.track) && n.start < to && n.start + n.duration > from);
  return others.length > 0 ? { source: "other tracks", at: soundingAt(others) } : null;
}
