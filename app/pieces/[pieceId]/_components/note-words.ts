/**
 * A note and its changes as musicians say them, for the note history: "C4 → D4", "bar 3 beat 1", "1/16 → 1 bar",
 * a drum track's notes by their drum, tracks by name. Times follow the piece's meter as it is now. Pure.
 */
import { isDrumTrack, type Note, type Track } from "@/lib/doc-schema";
import { pitchName } from "@/lib/midi/pitch-name";
import { lengthWords, positionWords } from "@/lib/time-words";
import type { Meter } from "@/lib/time";
import { drumName } from "@/app/_components/piano-roll/drum-names";

export interface FieldChange {
  field: keyof Note;
  from: Note[keyof Note];
  to: Note[keyof Note];
}

export interface NoteWordsContext {
  meter: Meter;
  tracks: ReadonlyMap<string, Pick<Track, "name" | "role" | "instrument">>;
}

const FIELD_NAME: Record<keyof Note, string> = { track: "track", pitch: "pitch", start: "start", duration: "length", velocity: "velocity" };

function pitchWords(pitch: number, drums: boolean): string {
  return (drums ? drumName(pitch) : null) ?? pitchName(pitch);
}

function valueWords(field: keyof Note, value: Note[keyof Note], c: NoteWordsContext, drums: boolean): string {
  switch (field) {
    case "track":
      return c.tracks.get(value as string)?.name ?? "a removed track";
    case "pitch":
      return pitchWords(value as number, drums);
    case "start":
      return positionWords(value as number, c.meter);
    case "duration":
      return lengthWords(value as number, c.meter);
    case "velocity":
      return String(value);
  }
}

/** "pitch C4 → D4", "length 1/16 → 1 bar", "start bar 3 beat 1 → bar 3 beat 2". `track` is the note's track now. */
export function changeWords(change: FieldChange, c: NoteWordsContext, track: string | undefined): string {
  const drums = isDrumTrack(track === undefined ? undefined : c.tracks.get(track));
  return `${FIELD_NAME[change.field]} ${valueWords(change.field, change.from, c, drums)} → ${valueWords(change.field, change.to, c, drums)}`;
}

/** "D4, bar 3 beat 1, 1/4 long, on Melody". */
export function noteWords(n: Note, c: NoteWordsContext): string {
  const track = c.tracks.get(n.track);
  return `${pitchWords(n.pitch, isDrumTrack(track))}, ${positionWords(n.start, c.meter)}, ${lengthWords(n.duration, c.meter)} long, on ${track?.name ?? "a removed track"}`;
}
