/** Which MIDI files to evaluate on, and how each becomes a piece in document terms (480 ticks a beat). */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { NoteWithId, PieceMeta, Track } from "../../lib/doc-schema";
import { parseMidiFile } from "../../lib/midi";
import { ticksPerBar } from "../../lib/time";
import { TICKS_PER_GRID } from "../tokenizer";
import { loadGroove } from "../prepare/groove";
import type { Piece } from "../prepare/piece";
import { loadPop909 } from "../prepare/pop909";
import { loadPop909Chords, type ChordSpan } from "./harmony";
import { isChoralePath, loadChorale } from "./chorales";

export interface EvalPiece {
  id: string;
  source: string; // the list it came from (e.g. "pop909", "groove-midi")
  loader: "pop909" | "groove" | "midi";
  meta: PieceMeta;
  tracks: (Track & { id: string })[];
  notes: NoteWithId[];
  bars: number;
  /** pop909's chord annotations in the piece's ticks (the real harmony, for chord tones); absent elsewhere. */
  chords?: ChordSpan[];
}

export interface FileList {
  source: string;
  files: string[];
}

const isMidi = (f: string) => /\.midi?$/i.test(f);

export function listMidiDir(dir: string): FileList {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (isMidi(e.name)) files.push(p);
    }
  };
  walk(resolve(dir));
  return { source: basename(resolve(dir)), files };
}

/** A datasets' `splits.csv` (path,group,split), paths relative to its folder. */
export function listSplitCsv(csv: string, split: string): FileList {
  const dir = dirname(resolve(csv));
  const rows = readFileSync(csv, "utf8").trim().split("\n").slice(1).map((l) => l.trim().split(","));
  return { source: basename(dir), files: rows.filter((r) => r[2] === split && isMidi(r[0])).map((r) => join(dir, r[0])) };
}

/** One path a line; blank lines and lines starting with # are skipped; relative paths are relative to the list. */
export function listFile(list: string): FileList {
  const dir = dirname(resolve(list));
  const files = readFileSync(list, "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => resolve(dir, l));
  return { source: basename(list).replace(/\.[^.]*$/, ""), files };
}

const DATASET_TRACKS: Record<number, Track & { id: string }> = {
  0: { id: "melody", name: "Melody", role: "melody", instrument: "lead", order: 0 },
  1: { id: "counter", name: "Bridge", role: "counter", instrument: "lead", order: 1 },
  2: { id: "piano", name: "Piano", role: "chords", instrument: "piano", order: 2 },
  3: { id: "drums", name: "Drums", role: "drums", instrument: "drums", order: 3 },
};

/**
 * The longest segment of a prepared piece, in document ticks, with the dataset's model tracks as document tracks;
 * `chordsOf` gives the chords in that segment's ticks (from its index among the piece's segments).
 */
function fromPrepared(p: Piece, source: string, loader: EvalPiece["loader"], chordsOf?: (segment: number) => ChordSpan[] | null): EvalPiece | null {
  const seg = [...p.segments].sort((a, b) => b.bars - a.bars)[0];
  if (!seg) return null;
  const chords = chordsOf?.(p.segments.indexOf(seg)) ?? undefined;
  const tracks = p.tracks.map((t) => DATASET_TRACKS[t]);
  const notes = seg.notes.map((n, i) => ({
    id: `n${i}`,
    track: DATASET_TRACKS[n.track].id,
    pitch: n.pitch,
    start: n.start * TICKS_PER_GRID,
    duration: n.duration * TICKS_PER_GRID,
    velocity: n.velocity ?? 80,
  }));
  return { id: p.id, source, loader, meta: { bpm: 100, beatsPerBar: seg.beatsPerBar, beatUnit: 4 }, tracks, notes, bars: seg.bars, ...(chords ? { chords } : {}) };
}

/**
 * pop909 songs and groove-midi takes are read as `npm run model:prepare` reads them (bars from pop909's beat
 * annotations, drum hits quantized), so the evaluation sees what training saw; any other file goes through the
 * editor's MIDI import (lib/midi), as a user's upload would. Returns null for a take prepare skips (odd meters).
 */
export function loadPiece(file: string, source: string): EvalPiece | null {
  if (isChoralePath(file)) return loadChorale(file, source);
  const pop = /^(.*)\/pop909\/POP909\/(\d+)\/\2\.mid$/.exec(file);
  if (pop && existsSync(join(dirname(file), "beat_midi.txt"))) {
    const p = loadPop909(pop[1], pop[2], "valid");
    return fromPrepared(p, source, "pop909", (i) => loadPop909Chords(dirname(file), p.segments, i));
  }
  const groove = /^(.*)\/groove-midi\/(.+\.midi?)$/.exec(file);
  if (groove) {
    const p = loadGroove(groove[1], groove[2], "valid");
    return p ? fromPrepared(p, source, "groove") : null;
  }
  const piece = parseMidiFile(new Uint8Array(readFileSync(file)), basename(file));
  const lastEnd = piece.notes.reduce((m, n) => Math.max(m, n.start + n.duration), 0);
  const bars = Math.ceil(lastEnd / ticksPerBar(piece.meta));
  return { id: basename(file), source, loader: "midi", meta: piece.meta, tracks: piece.tracks, notes: piece.notes, bars };
}

