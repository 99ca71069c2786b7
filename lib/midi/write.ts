/** The document's tempo, meter, tracks and notes -> a format 1 MIDI file at 480 ticks a beat. */
import type { MidiEvent } from "midi-file";
import { trackVolume, type Note, type PieceMeta, type Track } from "../doc-schema";
import { TICKS_PER_BEAT } from "../time";
import { encodeSmf } from "./encode-smf";
import { DRUM_CHANNEL, MIDI_VOLUME_CONTROLLER, programOfInstrument } from "./roles";
import { toMidiText } from "./text";

export interface MidiDocument {
  meta: PieceMeta;
  tracks: (Track & { id: string })[];
  notes: Note[];
}

export interface WriteMidiOptions {
  /** Written as text meta-events at the start of the tempo track (who made what, with which model). */
  provenanceText?: string | string[];
  /** Text meta-events at given ticks in the tempo track (e.g. the provenance of the notes starting there). */
  timedTexts?: { tick: number; text: string }[];
}

/** A MIDI event before its delta time is known (Omit distributed over the union). */
type Untimed<E = MidiEvent> = E extends MidiEvent ? Omit<E, "deltaTime"> : never;

interface Timed {
  tick: number;
  order: number; // at one tick: names and programs, then note-offs, then note-ons
  event: Untimed;
}

export function writeMidiFile(doc: MidiDocument, options: WriteMidiOptions = {}): Uint8Array {
  const texts = typeof options.provenanceText === "string" ? [options.provenanceText] : (options.provenanceText ?? []);
  const conductor: Timed[] = [
    { tick: 0, order: 0, event: { meta: true, type: "setTempo", microsecondsPerBeat: Math.round(60_000_000 / doc.meta.bpm) } },
    {
      tick: 0,
      order: 0,
      event: { meta: true, type: "timeSignature", numerator: doc.meta.beatsPerBar, denominator: doc.meta.beatUnit, metronome: 24, thirtyseconds: 8 },
    },
    ...texts.map((text): Timed => ({ tick: 0, order: 0, event: { meta: true, type: "text", text: toMidiText(text) } })),
    ...(options.timedTexts ?? []).map(({ tick, text }): Timed => ({ tick, order: 0, event: { meta: true, type: "text", text: toMidiText(text) } })),
  ];
  const tracks = [...doc.tracks].sort((a, b) => a.order - b.order);
  let pitched = 0;
  const trackEvents = tracks.map((t) => {
    const drums = t.role === "drums" || t.instrument === "drums";
    return noteTrack(t, drums ? DRUM_CHANNEL : melodicChannel(pitched++), doc.notes);
  });
  return encodeSmf({ format: 1, ticksPerBeat: TICKS_PER_BEAT }, [conductor, ...trackEvents].map(withDeltas));
}

/** Channels 1-9 and 11-16 in turn; each track has its own MIDI track, so sharing a channel is harmless. */
const melodicChannel = (i: number): number => (i % 15 < DRUM_CHANNEL ? i % 15 : (i % 15) + 1);

function noteTrack(track: Track & { id: string }, channel: number, all: Note[]): Timed[] {
  const out: Timed[] = [
    { tick: 0, order: 0, event: { meta: true, type: "trackName", text: toMidiText(track.name) } },
    { tick: 0, order: 0, event: { meta: true, type: "instrumentName", text: toMidiText(track.instrument) } },
    { tick: 0, order: 0, event: { type: "programChange", channel, programNumber: channel === DRUM_CHANNEL ? 0 : programOfInstrument(track.instrument) } },
    // The track's volume (0..1 in the doc) as channel volume, CC7 0..127.
    {
      tick: 0,
      order: 0,
      event: { type: "controller", channel, controllerType: MIDI_VOLUME_CONTROLLER, value: Math.round(trackVolume(track) * 127) },
    },
  ];
  const mine = all.filter((n) => n.track === track.id);
  for (const n of unnest(mine)) {
    const velocity = Math.min(127, Math.max(1, Math.round(n.velocity)));
    out.push({ tick: n.start, order: 2, event: { type: "noteOn", channel, noteNumber: n.pitch, velocity } });
    out.push({ tick: n.start + n.duration, order: 1, event: { type: "noteOff", channel, noteNumber: n.pitch, velocity: 0 } });
  }
  return out;
}

/**
 * A reader pairs same-pitch note-ons and note-offs first in first out, so it reads back what was written only
 * when same-pitch notes end in the order they start. A note that outlasts a later one of the same pitch is
 * cut to end with it; of same-pitch notes with one onset the longest is kept.
 */
function unnest(notes: Note[]): Note[] {
  const byPitch = new Map<number, Note[]>();
  for (const n of notes) byPitch.set(n.pitch, [...(byPitch.get(n.pitch) ?? []), n]);
  const out: Note[] = [];
  for (const group of byPitch.values()) {
    group.sort((a, b) => a.start - b.start || b.duration - a.duration);
    const kept = group.filter((n, i) => i === 0 || group[i - 1].start !== n.start);
    let endBound = Infinity;
    for (let i = kept.length - 1; i >= 0; i--) {
      const n = kept[i];
      const end = Math.min(n.start + n.duration, endBound);
      out.push(end === n.start + n.duration ? n : { ...n, duration: end - n.start });
      endBound = end;
    }
  }
  return out;
}

function withDeltas(events: Timed[]): MidiEvent[] {
  const sorted = [...events].sort((a, b) => a.tick - b.tick || a.order - b.order);
  const end = sorted.at(-1)?.tick ?? 0;
  let last = 0;
  const out = sorted.map(({ tick, event }) => {
    const e = { ...event, deltaTime: tick - last } as MidiEvent;
    last = tick;
    return e;
  });
  out.push({ deltaTime: end - last, meta: true, type: "endOfTrack" });
  return out;
}
