/**
 * Standard MIDI File bytes for the events Tandem writes, in linear time. (midi-file's writer concatenates arrays for
 * every text event and every delta over 127 ticks, so a 10,000-note piece took ~20 s and blocked the server.)
 * Running status is not used: every event carries its status byte, as midi-file writes by default.
 */
import type { MidiEvent, MidiHeader } from "midi-file";

class Bytes {
  private buf = new Uint8Array(1024);
  length = 0;
  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
  u8(...values: number[]): void {
    this.room(values.length);
    for (const v of values) this.buf[this.length++] = v & 0xff;
  }
  u16(v: number): void {
    this.u8(v >> 8, v);
  }
  u32(v: number): void {
    this.u8(v >>> 24, v >> 16, v >> 8, v);
  }
  varInt(v: number): void {
    if (!Number.isInteger(v) || v < 0 || v > 0x0fffffff) throw new RangeError(`a MIDI variable-length number must be 0..268435455, not ${v}`);
    const groups = [v & 0x7f];
    for (let rest = v >>> 7; rest > 0; rest >>>= 7) groups.unshift((rest & 0x7f) | 0x80);
    this.u8(...groups);
  }
  /** One byte per character: meta-event text arrives already as bytes (see text.ts). */
  latin1(text: string): void {
    this.room(text.length);
    for (let i = 0; i < text.length; i++) this.buf[this.length++] = text.charCodeAt(i) & 0xff;
  }
  append(other: Bytes): void {
    this.room(other.length);
    this.buf.set(other.bytes(), this.length);
    this.length += other.length;
  }
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

const TEXT_TYPES = { text: 0x01, trackName: 0x03, instrumentName: 0x04, marker: 0x06 } as const;

function writeEvent(w: Bytes, e: MidiEvent): void {
  w.varInt(e.deltaTime);
  switch (e.type) {
    case "noteOn":
      return w.u8(0x90 | e.channel, e.noteNumber, e.velocity);
    case "noteOff":
      return w.u8(0x80 | e.channel, e.noteNumber, e.velocity);
    case "controller":
      return w.u8(0xb0 | e.channel, e.controllerType, e.value);
    case "programChange":
      return w.u8(0xc0 | e.channel, e.programNumber);
    case "setTempo":
      return w.u8(0xff, 0x51, 3, e.microsecondsPerBeat >> 16, e.microsecondsPerBeat >> 8, e.microsecondsPerBeat);
    case "timeSignature":
      return w.u8(0xff, 0x58, 4, e.numerator, Math.log2(e.denominator), e.metronome, e.thirtyseconds);
    case "endOfTrack":
      return w.u8(0xff, 0x2f, 0);
    case "text":
    case "trackName":
    case "instrumentName":
    case "marker":
      w.u8(0xff, TEXT_TYPES[e.type]);
      w.varInt(e.text.length);
      return w.latin1(e.text);
    default:
      throw new Error(`encodeSmf: the ${e.type} event is not one Tandem writes`);
  }
}

/** A format 0/1 file with `ticksPerBeat` timing: the header chunk, then one MTrk chunk per track. */
export function encodeSmf(header: Pick<MidiHeader, "format"> & { ticksPerBeat: number }, tracks: MidiEvent[][]): Uint8Array {
  const out = new Bytes();
  out.latin1("MThd");
  out.u32(6);
  out.u16(header.format);
  out.u16(tracks.length);
  out.u16(header.ticksPerBeat & 0x7fff);
  for (const events of tracks) {
    const t = new Bytes();
    for (const e of events) writeEvent(t, e);
    out.latin1("MTrk");
    out.u32(t.length);
    out.append(t);
  }
  return out.bytes().slice();
}
