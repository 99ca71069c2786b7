/**
 * What the model hears when it writes a jam bar: the piece, with the loop's bars on the jam's tracks as the take
 * has them so far. For each loop bar, the latest pass that reached it counts (the leader's notes pressed before the
 * request, quantised to the take's grid, and the model's bars); a loop bar no pass has reached yet keeps the piece's
 * own notes.
 */
import type { NoteWithId } from "../doc-schema";
import { barOfTick, tickOfBar, type Meter } from "../time";
import { pieceBarOf, takeBarAt, downbeat, type JamClock } from "./plan";
import type { JamSettings } from "./settings";
import type { ModelBarNotes, PlayedNote } from "./take";

export interface TakeSoFar {
  played: readonly PlayedNote[];
  /** What those playing along have played, on their tracks (their notes come a bar or two behind the leader's). */
  alongs?: readonly { track: string; played: readonly PlayedNote[] }[];
  modelBars: readonly ModelBarNotes[];
}

export function jamContext(piece: readonly NoteWithId[], s: JamSettings, clock: JamClock, meter: Meter, take: TakeSoFar, upTo: number): NoteWithId[] {
  const current = takeBarAt(clock, upTo);
  // The latest take bar to have reached each loop bar.
  const latest = new Map<number, number>();
  for (let k = Math.max(0, current - s.bars + 1); k <= current; k++) if (k >= 0) latest.set(pieceBarOf(s, k), k);
  const alongs = take.alongs ?? [];
  const jamTracks = new Set([s.playerTrack, ...s.modelTracks, ...alongs.filter((a) => a.played.length > 0).map((a) => a.track)]);
  const kept = piece.filter((n) => !(jamTracks.has(n.track) && latest.has(barOfTick(n.start, meter))));

  const msPerTick = clock.barMs / tickOfBar(1, meter);
  const snap = (t: number) => (s.grid === 0 ? Math.round(t) : Math.round(t / s.grid) * s.grid);
  const out = [...kept];
  for (const { track, played } of [{ track: s.playerTrack, played: take.played }, ...alongs]) {
    for (const p of played) {
      if (p.at >= upTo) continue;
      const k = takeBarAt(clock, p.at + (s.grid * msPerTick) / 2); // a note a hair early belongs to the next bar
      if (latest.get(pieceBarOf(s, k)) !== k) continue;
      const offset = Math.max(0, snap((p.at - downbeat(clock, k)) / msPerTick));
      const start = tickOfBar(pieceBarOf(s, k), meter) + offset;
      out.push({ id: `jam-played-${track}-${k}-${p.at}-${p.pitch}`, track, pitch: p.pitch, velocity: p.velocity, start, duration: Math.max(s.grid || 1, snap(p.ms / msPerTick)) });
    }
  }
  for (const bar of take.modelBars) {
    if (latest.get(pieceBarOf(s, bar.takeBar)) !== bar.takeBar) continue;
    const barStart = tickOfBar(pieceBarOf(s, bar.takeBar), meter);
    bar.notes.forEach((n, i) => out.push({ ...n, id: `jam-model-${bar.takeBar}-${i}`, start: barStart + n.start }));
  }
  return out;
}
