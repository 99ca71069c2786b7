import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beatPosition, regularRuns, toGrid, usualBarLength } from "./beat-grid";
import { readMidi } from "./midi-notes";
import { dedupeNotes, type Piece, type Segment, type Split } from "./piece";

const TRACKS: Record<string, number> = { MELODY: 0, BRIDGE: 1, PIANO: 2 };
const MIN_RUN_BARS = 2;

/** beat_midi.txt: time (s), a 0/1 column marking every other beat, and a 0/1 column marking downbeats. */
export function parseBeats(text: string): { times: number[]; downbeats: number[] } {
  const times: number[] = [];
  const downbeats: number[] = [];
  for (const line of text.split("\n")) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 3) continue;
    if (Number(cols[2]) === 1) downbeats.push(times.length);
    times.push(Number(cols[0]));
  }
  return { times, downbeats };
}

export interface TimedNote {
  track: number;
  pitch: number;
  startSec: number;
  endSec: number;
  velocity: number;
}

/** Places notes timed in seconds onto the annotated beats, one segment per run of regular bars. */
export function alignToBeats(notes: TimedNote[], beats: { times: number[]; downbeats: number[] }): Segment[] {
  const beatsPerBar = usualBarLength(beats.downbeats);
  const barLen = toGrid(beatsPerBar);
  const runs = regularRuns(beats.downbeats, beatsPerBar, beats.times.length, MIN_RUN_BARS);
  const segments: Segment[] = runs.map((r) => ({ beatsPerBar, bars: r.bars, notes: [] }));
  for (const n of notes) {
    const startBeat = beatPosition(beats.times, n.startSec);
    const endBeat = beatPosition(beats.times, n.endSec);
    runs.forEach((r, i) => {
      const start = toGrid(startBeat - r.firstBeat);
      if (start < 0 || start >= r.bars * barLen) return;
      const duration = Math.max(1, toGrid(endBeat - r.firstBeat) - start);
      segments[i].notes.push({ track: n.track, pitch: n.pitch, start, duration, velocity: n.velocity });
    });
  }
  for (const s of segments) s.notes = dedupeNotes(s.notes);
  return segments.filter((s) => s.notes.length > 0);
}

/** Song NNN: MELODY -> 0, BRIDGE -> 1, PIANO -> 2, bars from beat_midi.txt (the MIDI time signatures are unreliable). */
export function loadPop909(dataDir: string, songId: string, split: Split): Piece {
  const dir = join(dataDir, "pop909", "POP909", songId);
  const midi = readMidi(readFileSync(join(dir, `${songId}.mid`)));
  const beats = parseBeats(readFileSync(join(dir, "beat_midi.txt"), "utf8"));
  const notes: TimedNote[] = [];
  for (const n of midi.notes) {
    const track = TRACKS[n.trackName.trim().toUpperCase()] ?? (n.channel <= 2 ? n.channel : undefined);
    if (track === undefined) continue;
    notes.push({ track, pitch: n.pitch, startSec: n.startSec, endSec: n.endSec, velocity: n.velocity });
  }
  return { source: "pop909", id: songId, split, tracks: [0, 1, 2], pitched: true, style: "pop", segments: alignToBeats(notes, beats) };
}

