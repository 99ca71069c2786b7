/** Between the shared document (480 ticks a beat, string track ids, roles) and the tokenizer's grid. */
import type { Note, PieceMeta, Track, TrackRole } from "../../lib/doc-schema";
import { TICKS_PER_BEAT } from "../../lib/time";
import type { TokNote } from "./encode";
import { GRID_PER_BEAT } from "./vocab";

export const TICKS_PER_GRID = TICKS_PER_BEAT / GRID_PER_BEAT; // 40

/** Which of the model's four tracks a document track plays (chords and bass are accompaniment). */
export const ROLE_TO_MODEL_TRACK: Record<TrackRole, number> = { melody: 0, counter: 1, chords: 2, bass: 2, drums: 3 };

/** Quarter-note beats in a bar: what the tokenizer calls beatsPerBar (6/8 -> 3). */
export const quarterBeatsPerBar = (meta: PieceMeta): number => (meta.beatsPerBar * 4) / meta.beatUnit;

/** Document notes from `fromBar` on, as grid notes relative to that bar; onsets and lengths round to the grid. */
export function toTokNotes(notes: Note[], tracks: (Track & { id: string })[], meta: PieceMeta, fromBar: number): TokNote[] {
  const role = new Map(tracks.map((t) => [t.id, t.role]));
  const barTicks = quarterBeatsPerBar(meta) * TICKS_PER_BEAT;
  const origin = fromBar * barTicks;
  const out: TokNote[] = [];
  for (const n of notes) {
    const r = role.get(n.track);
    if (r === undefined || n.start < origin) continue;
    out.push({
      track: ROLE_TO_MODEL_TRACK[r],
      pitch: n.pitch,
      start: Math.round((n.start - origin) / TICKS_PER_GRID),
      duration: Math.max(1, Math.round(n.duration / TICKS_PER_GRID)),
      velocity: n.velocity,
    });
  }
  return out;
}

/** A decoded grid note back into the document, on `trackId`, with the window's first bar at `fromBar`. */
export function fromTokNote(n: TokNote, trackId: string, meta: PieceMeta, fromBar: number, velocity: number): Note {
  const barTicks = quarterBeatsPerBar(meta) * TICKS_PER_BEAT;
  return {
    track: trackId,
    pitch: n.pitch,
    start: fromBar * barTicks + n.start * TICKS_PER_GRID,
    duration: n.duration * TICKS_PER_GRID,
    velocity,
  };
}
