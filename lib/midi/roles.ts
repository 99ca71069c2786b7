/** Guessing a track's role from what a MIDI file says about it, and the General MIDI sounds of our instruments. */
import type { TrackRole } from "../doc-schema";

export const DRUM_CHANNEL = 9; // channel 10 counted from 1
/** Control change 7, channel volume: where a track's volume goes in a MIDI file. */
export const MIDI_VOLUME_CONTROLLER = 7;
const BASS_BELOW = 48; // C3: a track that mostly plays below this is a bass line

/** The role a track's or instrument's name says, if it says one. */
export function roleFromName(name: string): TrackRole | null {
  if (/melody|lead|vocal/i.test(name)) return "melody";
  if (/bridge|counter/i.test(name)) return "counter";
  if (/bass/i.test(name)) return "bass";
  return null;
}

/** Names in order of trust (the track's, then its instrument's); failing those, the pitches decide. */
export function guessRole(names: string | string[], channel: number, pitches: number[]): TrackRole {
  if (channel === DRUM_CHANNEL) return "drums";
  for (const name of typeof names === "string" ? [names] : names) {
    const role = roleFromName(name);
    if (role) return role;
  }
  const low = pitches.filter((p) => p < BASS_BELOW).length;
  return low * 2 > pitches.length ? "bass" : "chords";
}

export const INSTRUMENT_OF_ROLE: Record<TrackRole, string> = {
  melody: "lead",
  counter: "lead",
  chords: "piano",
  bass: "bass",
  drums: "drums",
};

// 0-based General MIDI program numbers; an instrument not listed plays as a piano.
const PROGRAMS: Record<string, number> = {
  piano: 0,
  "electric piano": 4,
  organ: 16,
  guitar: 24,
  bass: 33,
  strings: 48,
  choir: 52,
  brass: 61,
  flute: 73,
  lead: 80,
  pad: 88,
};

export const programOfInstrument = (instrument: string): number => PROGRAMS[instrument.toLowerCase()] ?? 0;
