/** The sampling baselines: what a generated region must beat. Pure, seeded. */
import type { Note } from "../../lib/doc-schema";
import type { Region } from "../../lib/region";
import type { Rng } from "../prepare/prng";
import { groupBy } from "../../lib/group-by";
import { estimateKey } from "../../lib/key";

const SIXTEENTH = 120; // document ticks

const inRange = (n: Note, r: Region) => r.trackIds.includes(n.track) && n.pitch >= r.pitchLo && n.pitch <= r.pitchHi;

/**
 * "Repeat the bars before the region": region bar i copies bar startBar - len + i of the region's tracks (within the
 * pitch range); where that bar is before the piece, it copies bar endBar + i (an infill's following bars) instead.
 * Notes are cut at the region's end, as the server's decoder does.
 */
export function repeatPreviousBars(context: Note[], region: Region, ticksPerBar: number): Note[] {
  const len = region.endBar - region.startBar;
  const byBar = groupBy(
    context.filter((n) => inRange(n, region)),
    (n) => Math.floor(n.start / ticksPerBar),
  );
  const out: Note[] = [];
  for (let i = 0; i < len; i++) {
    const bar = region.startBar + i;
    const before = region.startBar - len + i;
    const source = before >= 0 ? before : region.endBar + i;
    for (const n of byBar.get(source) ?? []) {
      const start = n.start + (bar - source) * ticksPerBar;
      out.push({ ...n, start, duration: Math.min(n.duration, region.endBar * ticksPerBar - start) }); // ends with the region
    }
  }
  return out;
}

/**
 * "Random notes in the context's key": per region track and bar, as many notes as the track averages a bar in the
 * context (rounded at random), onsets on random sixteenths, lengths drawn from the track's context notes, pitches
 * drawn uniformly from the context's key inside the track's context range and the region's pitch range. Drum
 * tracks draw pitches from their context hits instead of a key.
 */
export function randomInKey(context: Note[], region: Region, ticksPerBar: number, drumTracks: ReadonlySet<string>, rng: Rng): Note[] {
  const key = estimateKey(context.filter((n) => !drumTracks.has(n.track)));
  const regionStart = region.startBar * ticksPerBar;
  const regionEnd = region.endBar * ticksPerBar;
  const lastBar = context.reduce((m, n) => Math.max(m, Math.floor(n.start / ticksPerBar)), 0);
  const contextBars = Math.max(1, lastBar + 1 - Math.max(0, Math.min(region.endBar, lastBar + 1) - region.startBar));
  const steps = Math.max(1, Math.round(ticksPerBar / SIXTEENTH));
  const out: Note[] = [];
  for (const track of region.trackIds) {
    const own = context.filter((n) => n.track === track);
    const ranged = own.filter((n) => n.pitch >= region.pitchLo && n.pitch <= region.pitchHi);
    const pool = ranged.length > 0 ? ranged : own;
    if (pool.length === 0) continue;
    const perBar = ranged.length / contextBars;
    const velocity = Math.round(pool.reduce((s, n) => s + n.velocity, 0) / pool.length);
    let pitches: number[];
    if (drumTracks.has(track)) pitches = pool.map((n) => n.pitch).filter((p) => p >= region.pitchLo && p <= region.pitchHi);
    else {
      const lo = Math.max(region.pitchLo, Math.min(...pool.map((n) => n.pitch)));
      const hi = Math.min(region.pitchHi, Math.max(...pool.map((n) => n.pitch)));
      pitches = [];
      for (let p = lo; p <= hi; p++) if (key.scale.has(p % 12)) pitches.push(p);
    }
    if (pitches.length === 0) continue;
    for (let bar = region.startBar; bar < region.endBar; bar++) {
      const count = Math.floor(perBar) + (rng.next() < perBar - Math.floor(perBar) ? 1 : 0);
      for (let k = 0; k < count; k++) {
        const start = bar * ticksPerBar + rng.int(0, steps - 1) * SIXTEENTH;
        if (start >= regionEnd || start < regionStart) continue;
        const duration = Math.min(rng.pick(pool).duration, regionEnd - start);
        out.push({ track, pitch: rng.pick(pitches), start, duration, velocity });
      }
    }
  }
  return out.sort((a, b) => a.start - b.start || a.pitch - b.pitch);
}
