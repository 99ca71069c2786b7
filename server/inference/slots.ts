/**
 * From the document's region tracks to the model's tracks and back. Each region track is a "slot". Several
 * slots can share a model track (chords and bass are both accompaniment): that model track is decoded once
 * and each note goes to the slot whose median pitch is nearest (see buildAssignment). Tracks of the same
 * model track that are NOT in the region keep their share of the pitches masked out, so a bass-only region
 * is decoded as low accompaniment instead of chords written onto the bass.
 */
import type { Note, Track, TrackRole } from "../../lib/doc-schema";
import { ROLE_TO_MODEL_TRACK, TICKS_PER_GRID } from "../../models/tokenizer";
import { buildAssignment, type Span } from "./constraints";

type DocTrack = Track & { id: string };

/** Where a role usually sits, for a track without notes yet. */
const DEFAULT_MEDIAN: Record<TrackRole, number> = { melody: 72, counter: 67, chords: 60, bass: 40, drums: 42 };
export const DEFAULT_VELOCITY = 90;

export interface SlotPlan {
  modelTracks: number[]; // ascending
  assign: Map<number, Int16Array>;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export function planSlots(trackIds: string[], tracks: DocTrack[], notes: Note[], pitchLo: number, pitchHi: number): SlotPlan {
  const byId = new Map(tracks.map((t) => [t.id, t]));
  const modelTracks = [...new Set(trackIds.map((id) => ROLE_TO_MODEL_TRACK[byId.get(id)!.role]))].sort((a, b) => a - b);
  const pitches = new Map<string, number[]>();
  for (const n of notes) (pitches.get(n.track) ?? pitches.set(n.track, []).get(n.track)!).push(n.pitch);
  const medianOf = (t: DocTrack) => {
    const m = median(pitches.get(t.id) ?? []);
    return Number.isNaN(m) ? DEFAULT_MEDIAN[t.role] : m;
  };
  const assign = new Map<number, Int16Array>();
  for (const mt of modelTracks) {
    const sharing = tracks.filter((t) => ROLE_TO_MODEL_TRACK[t.role] === mt);
    const all = sharing.map((t) => ({ slot: trackIds.indexOf(t.id), median: medianOf(t) }));
    let a = buildAssignment(mt, pitchLo, pitchHi, all);
    // The pitch range may lie wholly in an outside track's share: then the region tracks take all of it.
    if (!a.some((s) => s >= 0)) a = buildAssignment(mt, pitchLo, pitchHi, all.filter((s) => s.slot >= 0));
    assign.set(mt, a);
  }
  return { modelTracks, assign };
}

/** Whether the region replaces this note (its track, bar and pitch are all inside). */
export const inDocRegion = (
  n: Note,
  r: { startBar: number; endBar: number; pitchLo: number; pitchHi: number; trackIds: string[] },
  barTicks: number,
): boolean => {
  const bar = Math.floor(n.start / barTicks);
  return r.trackIds.includes(n.track) && bar >= r.startBar && bar < r.endBar && n.pitch >= r.pitchLo && n.pitch <= r.pitchHi;
};

/**
 * Notes of region tracks that stay and sound inside the region (outside its pitch range, or started before it),
 * on the window's grid, for the polyphony and density limits.
 */
export function stayingNotes(
  notes: Note[],
  r: { startBar: number; endBar: number; pitchLo: number; pitchHi: number; trackIds: string[] },
  barTicks: number,
  fromBar: number,
): (Span & { slot: number })[] {
  const lo = r.startBar * barTicks;
  const hi = r.endBar * barTicks;
  const origin = fromBar * barTicks;
  const out: (Span & { slot: number })[] = [];
  for (const n of notes) {
    const slot = r.trackIds.indexOf(n.track);
    if (slot < 0 || n.start >= hi || n.start + n.duration <= lo || inDocRegion(n, r, barTicks)) continue;
    const start = Math.round((n.start - origin) / TICKS_PER_GRID);
    out.push({ slot, pitch: n.pitch, start, end: start + Math.max(1, Math.round(n.duration / TICKS_PER_GRID)) });
  }
  return out;
}

/** Mean velocity of each slot's notes in the window's context, DEFAULT_VELOCITY without any. */
export function slotVelocities(contextNotes: Note[], trackIds: string[]): number[] {
  return trackIds.map((id) => {
    const v = contextNotes.filter((n) => n.track === id).map((n) => n.velocity);
    return v.length ? Math.round(v.reduce((a, b) => a + b, 0) / v.length) : DEFAULT_VELOCITY;
  });
}

/**
 * How many notes each slot's track sounds at once in the window's context (undefined without notes): the count at
 * its onsets, at the 95th percentile, so a melody the piece plays one note at a time (a legato overlap aside) is not
 * written as chords unless the request asks for more (maxPolyphony). Left open, the model stacked 10-20 notes on
 * single onsets of pop909 melodies and wrote 1.37x the originals' notes (the full maximum: 1.32x at repetition 0,
 * this percentile: 1.04x).
 */
export function slotPolyphony(contextNotes: Note[], trackIds: string[]): (number | undefined)[] {
  return trackIds.map((id) => {
    const events = contextNotes.filter((n) => n.track === id).flatMap((n) => [[n.start, 1], [n.start + n.duration, -1]] as const);
    if (events.length === 0) return undefined;
    // Ends sort before starts at the same tick: a note that ends where the next begins is not sounding with it.
    events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const atOnsets: number[] = [];
    let sounding = 0;
    events.forEach(([tick, step], i) => {
      sounding += step;
      const lastAtTick = i === events.length - 1 || events[i + 1][0] !== tick;
      if (step > 0 && lastAtTick) atOnsets.push(sounding);
    });
    atOnsets.sort((a, b) => a - b);
    return atOnsets[Math.floor(POLYPHONY_PERCENTILE * (atOnsets.length - 1))];
  });
}

const POLYPHONY_PERCENTILE = 0.95;
