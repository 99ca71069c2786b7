import { parseMidi, type MidiEvent } from "midi-file";

/** A note as the MIDI file has it, timed in ticks and in seconds (tempo map applied). */
export interface MidiNote {
  trackName: string;
  channel: number;
  pitch: number;
  velocity: number;
  startTick: number;
  endTick: number;
  startSec: number;
  endSec: number;
}

export interface MidiContent {
  ticksPerBeat: number;
  notes: MidiNote[];
  timeSignatures: { tick: number; numerator: number; denominator: number }[];
}

interface Tempo {
  tick: number;
  sec: number;
  secPerTick: number;
}

function tempoMap(tracks: MidiEvent[][], ticksPerBeat: number): Tempo[] {
  const changes: { tick: number; usPerBeat: number }[] = [];
  for (const track of tracks) {
    let tick = 0;
    for (const e of track) {
      tick += e.deltaTime;
      if (e.type === "setTempo") changes.push({ tick, usPerBeat: e.microsecondsPerBeat });
    }
  }
  changes.sort((a, b) => a.tick - b.tick);
  const map: Tempo[] = [{ tick: 0, sec: 0, secPerTick: 0.5 / ticksPerBeat }]; // 120 bpm until the first tempo event
  for (const c of changes) {
    const last = map[map.length - 1];
    const sec = last.sec + (c.tick - last.tick) * last.secPerTick;
    const entry = { tick: c.tick, sec, secPerTick: c.usPerBeat / 1e6 / ticksPerBeat };
    if (c.tick === last.tick) map[map.length - 1] = entry;
    else map.push(entry);
  }
  return map;
}

function toSeconds(map: Tempo[], tick: number): number {
  let i = map.length - 1;
  while (i > 0 && map[i].tick > tick) i--;
  return map[i].sec + (tick - map[i].tick) * map[i].secPerTick;
}

/** Reads every note of a MIDI file; a note-on at velocity 0 ends a note, overlapping same-pitch notes end first-in-first-out. */
export function readMidi(bytes: Uint8Array): MidiContent {
  const midi = parseMidi(bytes);
  const ticksPerBeat = midi.header.ticksPerBeat;
  if (!ticksPerBeat) throw new Error("SMPTE-timed MIDI files are not supported");
  const map = tempoMap(midi.tracks, ticksPerBeat);
  const notes: MidiNote[] = [];
  const timeSignatures: MidiContent["timeSignatures"] = [];
  for (const track of midi.tracks) {
    let tick = 0;
    let trackName = "";
    const open = new Map<number, { tick: number; velocity: number }[]>();
    for (const e of track) {
      tick += e.deltaTime;
      if (e.type === "trackName") trackName = e.text;
      else if (e.type === "timeSignature") timeSignatures.push({ tick, numerator: e.numerator, denominator: e.denominator });
      else if (e.type === "noteOn" && e.velocity > 0) {
        const key = e.channel * 128 + e.noteNumber;
        const list = open.get(key) ?? [];
        list.push({ tick, velocity: e.velocity });
        open.set(key, list);
      } else if (e.type === "noteOff" || e.type === "noteOn") {
        const key = e.channel * 128 + e.noteNumber;
        const on = open.get(key)?.shift();
        if (!on) continue;
        notes.push({
          trackName,
          channel: e.channel,
          pitch: e.noteNumber,
          velocity: on.velocity,
          startTick: on.tick,
          endTick: tick,
          startSec: toSeconds(map, on.tick),
          endSec: toSeconds(map, tick),
        });
      }
    }
  }
  notes.sort((a, b) => a.startTick - b.startTick || a.pitch - b.pitch);
  return { ticksPerBeat, notes, timeSignatures };
}
