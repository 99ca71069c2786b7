/**
 * A track's notes laid out for a score: chords (notes with one onset and one length) spread over as
 * few voices as keep each voice free of overlaps, then cut at bar lines into tied segments.
 */
import type { NoteWithId } from "../../../lib/doc-schema";

export interface ChordSegment {
  /** Ticks from the start of the piece. */
  start: number;
  duration: number;
  notes: NoteWithId[];
  /** Continues from the bar before / into the bar after. */
  tiedFrom: boolean;
  tiedTo: boolean;
}

export interface TrackLayout {
  /** voices[v][bar] = that voice's segments in that bar, in time order. */
  voices: ChordSegment[][][];
}

export const barCount = (notes: readonly NoteWithId[], barTicks: number): number =>
  Math.max(1, Math.ceil(Math.max(0, ...notes.map((n) => n.start + n.duration)) / barTicks));

export function layoutTrack(notes: readonly NoteWithId[], barTicks: number, bars: number): TrackLayout {
  const chords = new Map<string, NoteWithId[]>();
  for (const n of notes) {
    const key = `${n.start}:${n.duration}`;
    const chord = chords.get(key);
    if (chord) chord.push(n);
    else chords.set(key, [n]);
  }
  const ordered = [...chords.values()]
    .map((ns) => ns.sort((a, b) => a.pitch - b.pitch))
    .sort((a, b) => a[0].start - b[0].start || b[0].duration - a[0].duration);
  const voiceEnds: number[] = [];
  const voices: ChordSegment[][][] = [];
  for (const chord of ordered) {
    const { start, duration } = chord[0];
    let v = voiceEnds.findIndex((end) => end <= start);
    if (v < 0) {
      v = voiceEnds.length;
      voices.push(Array.from({ length: bars }, () => []));
    }
    voiceEnds[v] = start + duration;
    for (const seg of cutAtBars(start, duration, barTicks)) {
      voices[v][Math.floor(seg.start / barTicks)].push({ ...seg, notes: chord });
    }
  }
  if (voices.length === 0) voices.push(Array.from({ length: bars }, () => []));
  return { voices };
}

function cutAtBars(start: number, duration: number, barTicks: number): Omit<ChordSegment, "notes">[] {
  const out: Omit<ChordSegment, "notes">[] = [];
  const end = start + duration;
  for (let t = start; t < end; ) {
    const barEnd = (Math.floor(t / barTicks) + 1) * barTicks;
    const segEnd = Math.min(end, barEnd);
    out.push({ start: t, duration: segEnd - t, tiedFrom: t > start, tiedTo: segEnd < end });
    t = segEnd;
  }
  return out;
}
