/**
 * Recording played notes: a key's press and release, as playhead ticks, -> the note that lands in the track.
 * Snapping is gentle: the start goes to the nearest grid line (a sixteenth by default), the length to a whole
 * number of grid steps, never less than one, so a quick stab is still a sixteenth.
 */
import type { Note } from "@/lib/doc-schema";
import type { LoopRange } from "@/app/_playback/schedule";

export const RECORD_GRID = 120; // a sixteenth at 480 ticks a beat

export interface HeldKey {
  pitch: number;
  velocity: number; // 1..127
  tick: number; // playhead when pressed
}

export function recordedNote(key: HeldKey, releaseTick: number, track: string, loop: LoopRange | null = null, grid = RECORD_GRID): Note {
  let end = releaseTick;
  // Looping, a key held across the loop's end was released after the playhead wrapped: it ends at the loop's end.
  if (loop && end < key.tick) end = loop.endTick;
  const start = Math.max(0, Math.round(key.tick / grid) * grid);
  const steps = Math.max(1, Math.round((end - key.tick) / grid));
  const duration = loop ? Math.min(steps * grid, Math.max(grid, loop.endTick - start)) : steps * grid;
  return { track, pitch: key.pitch, start, duration, velocity: Math.min(127, Math.max(1, Math.round(key.velocity))) };
}
