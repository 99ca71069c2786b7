/** MIDI file bytes -> the document's tempo, meter, tracks and notes (480 ticks a beat). */
import { parseMidi, type MidiData, type MidiEvent } from "midi-file";
import { MAX_TICK, type NoteWithId, type PieceMeta, type Track } from "../doc-schema";
import { TICKS_PER_BEAT } from "../time";
import { structureProblem } from "./check-structure";
import { MidiFormatError } from "./format-error";
import { guessRole, INSTRUMENT_OF_ROLE, MIDI_VOLUME_CONTROLLER } from "./roles";
import { fromMidiText } from "./text";

export interface MidiPiece {
  meta: PieceMeta;
  tracks: (Track & { id: string })[];
  notes: NoteWithId[];
  /** Text meta-events, in file order (Tandem writes provenance there). */
  texts: string[];
}

const MIDI_DEFAULT_META: PieceMeta = { bpm: 120, beatsPerBar: 4, beatUnit: 4 };
const MAX_DURATION = TICKS_PER_BEAT * 4 * 64;
const MAX_TRACKS = 64;
const NAME_MAX = 60;

interface TimedEvent {
  tick: number;
  event: MidiEvent;
}

interface Voice {
  midiTrack: number;
  channel: number;
  name: string;
  /** The track's name and its instrument's: what the role is guessed from (Tandem writes the instrument there). */
  names: string[];
  /** The first channel volume (CC7, 0..127) this MIDI track sets on the channel, if any. */
  volume: number | undefined;
  notes: { pitch: number; velocity: number; start: number; end: number }[];
}

export function parseMidiFile(bytes: Uint8Array, name = "MIDI file"): MidiPiece {
  const problem = structureProblem(bytes);
  if (problem) throw new MidiFormatError(name, problem);
  let midi: MidiData;
  try {
    midi = parseMidi(bytes);
  } catch (e) {
    throw new MidiFormatError(name, `corrupt: ${e instanceof Error ? e.message : String(e)}`);
  }
  const ppq = midi.header.ticksPerBeat ?? TICKS_PER_BEAT;
  const scale = (tick: number) => Math.round((tick * TICKS_PER_BEAT) / ppq);
  const timed = midi.tracks.map((t, i) => absoluteTimes(t, name, i));
  const endTick = Math.max(0, ...timed.map((t) => t.at(-1)?.tick ?? 0));

  const voices = timed.flatMap((events, i) => pairNotes(events, i, endTick));
  if (voices.length > MAX_TRACKS) throw new MidiFormatError(name, `more than ${MAX_TRACKS} tracks with notes`);
  const tracks: MidiPiece["tracks"] = [];
  const notes: NoteWithId[] = [];
  const split = new Set(voices.map((v) => v.midiTrack).filter((t, i, all) => all.indexOf(t) !== i));
  voices.forEach((v, order) => {
    const id = `track-${order + 1}`;
    const role = guessRole(v.names, v.channel, v.notes.map((n) => n.pitch));
    const base = v.name || (role === "drums" ? "Drums" : `Track ${order + 1}`);
    const trackName = split.has(v.midiTrack) ? `${base.slice(0, NAME_MAX - 8)} (ch ${v.channel + 1})` : base.slice(0, NAME_MAX);
    const volume = v.volume === undefined ? {} : { volume: docVolume(v.volume) };
    tracks.push({ id, name: trackName, role, instrument: INSTRUMENT_OF_ROLE[role], order, ...volume });
    for (const n of v.notes) {
      const start = scale(n.start);
      if (start > MAX_TICK) throw new MidiFormatError(name, "longer than 2000 bars of 4/4");
      const duration = Math.min(MAX_DURATION, Math.max(1, scale(n.end) - start));
      notes.push({ id: "", track: id, pitch: n.pitch, start, duration, velocity: n.velocity });
    }
  });
  notes.sort((a, b) => a.start - b.start || a.pitch - b.pitch || a.track.localeCompare(b.track));
  notes.forEach((n, i) => (n.id = `note-${i + 1}`));

  const all = timed.flat().sort((a, b) => a.tick - b.tick);
  const texts = all.flatMap(({ event: e }) => (e.type === "text" ? [fromMidiText(e.text)] : []));
  return { meta: readMeta(all), tracks, notes, texts };
}

function absoluteTimes(events: MidiEvent[], file: string, index: number): TimedEvent[] {
  let tick = 0;
  return events.map((event) => {
    tick += event.deltaTime;
    // A track cut short inside an event leaves NaN or undefined fields behind.
    const broken =
      !Number.isFinite(tick) ||
      ((event.type === "noteOn" || event.type === "noteOff") && !(event.noteNumber <= 127 && event.velocity <= 127));
    if (broken) throw new MidiFormatError(file, `corrupt: track ${index + 1} ends in the middle of an event`);
    return { tick, event };
  });
}

/** Pairs note-ons with note-offs per channel and pitch, first in first out; a note never ended ends at `endTick`. */
function pairNotes(events: TimedEvent[], midiTrack: number, endTick: number): Voice[] {
  const text = (type: "trackName" | "instrumentName") => {
    const e = events.find((x) => x.event.type === type)?.event;
    return e && "text" in e ? fromMidiText(e.text).trim() : "";
  };
  const name = text("trackName") || text("instrumentName");
  const names = [text("trackName"), text("instrumentName")];
  const voices = new Map<number, Voice>();
  const open = new Map<number, { tick: number; velocity: number }[]>();
  const volumes = new Map<number, number>();
  const finish = (channel: number, pitch: number, on: { tick: number; velocity: number }, end: number) => {
    let v = voices.get(channel);
    if (!v) voices.set(channel, (v = { midiTrack, channel, name, names, volume: volumes.get(channel), notes: [] }));
    v.notes.push({ pitch, velocity: on.velocity, start: on.tick, end });
  };
  for (const { event: e } of events) {
    if (e.type === "controller" && e.controllerType === MIDI_VOLUME_CONTROLLER && !volumes.has(e.channel)) volumes.set(e.channel, e.value);
  }
  for (const { tick, event: e } of events) {
    if (e.type !== "noteOn" && e.type !== "noteOff") continue;
    const key = e.channel * 128 + e.noteNumber;
    const queue = open.get(key) ?? [];
    open.set(key, queue);
    if (e.type === "noteOn" && e.velocity > 0) queue.push({ tick, velocity: e.velocity });
    else {
      const on = queue.shift();
      if (on) finish(e.channel, e.noteNumber, on, tick);
    }
  }
  for (const [key, queue] of open) for (const on of queue) finish(key >> 7, key & 127, on, endTick);
  return [...voices.values()].sort((a, b) => a.channel - b.channel);
}

/** CC7 0..127 -> the doc's 0..1 in hundredths (the editor's volume steps), so a written volume reads back as it was. */
const docVolume = (cc: number): number => Math.round((Math.min(127, Math.max(0, cc)) / 127) * 100) / 100;

function readMeta(events: TimedEvent[]): PieceMeta {
  const meta = { ...MIDI_DEFAULT_META };
  const tempo = events.find((e) => e.event.type === "setTempo")?.event;
  if (tempo?.type === "setTempo" && tempo.microsecondsPerBeat > 0) {
    const bpm = Math.round(60_000_000_000 / tempo.microsecondsPerBeat) / 1000;
    meta.bpm = Math.min(300, Math.max(20, bpm));
  }
  const sig = events.find((e) => e.event.type === "timeSignature")?.event;
  if (sig?.type === "timeSignature") Object.assign(meta, meter(sig.numerator, sig.denominator));
  return meta;
}

/** The document keeps 1..8 beats of 2, 4, 8 or 16; 12/8 becomes the same-length 6/4, anything else 4/4. */
function meter(beats: number, unit: number): Pick<PieceMeta, "beatsPerBar" | "beatUnit"> {
  while (beats > 8 && beats % 2 === 0 && unit > 2) [beats, unit] = [beats / 2, unit / 2];
  const ok = Number.isInteger(beats) && beats >= 1 && beats <= 8 && [2, 4, 8, 16].includes(unit);
  return ok ? { beatsPerBar: beats, beatUnit: unit } : { beatsPerBar: 4, beatUnit: 4 };
}
