import { parseMidi, writeMidi, type MidiEvent } from "midi-file";
import { describe, expect, it } from "vitest";
import { encodeSmf } from "./encode-smf";

const track = (n: number, delta: (i: number) => number): MidiEvent[] => [
  { deltaTime: 0, meta: true, type: "trackName", text: "Piano \xc3\xa9" },
  { deltaTime: 0, meta: true, type: "instrumentName", text: "piano" },
  { deltaTime: 0, meta: true, type: "setTempo", microsecondsPerBeat: 625_000 },
  { deltaTime: 0, meta: true, type: "timeSignature", numerator: 6, denominator: 8, metronome: 24, thirtyseconds: 8 },
  { deltaTime: 0, type: "programChange", channel: 3, programNumber: 33 },
  ...Array.from({ length: n }, (_, i): MidiEvent[] => [
    { deltaTime: delta(i), type: "noteOn", channel: 3, noteNumber: 40 + (i % 40), velocity: 1 + (i % 127) },
    { deltaTime: delta(i + 1), type: "noteOff", channel: 3, noteNumber: 40 + (i % 40), velocity: 0 },
    { deltaTime: 0, meta: true, type: "text", text: `note ${i}` },
  ]).flat(),
  { deltaTime: 0x0fffffff, meta: true, type: "endOfTrack" },
];

describe("encodeSmf", () => {
  it("writes the same bytes as midi-file for every event Tandem writes, deltas of every length included", () => {
    const tracks = [track(50, (i) => [0, 1, 127, 128, 16383, 16384, 2097151, 2097152][i % 8]), track(3, () => 480)];
    const header = { format: 1 as const, numTracks: 2, ticksPerBeat: 480 };
    expect(encodeSmf(header, tracks)).toEqual(Uint8Array.from(writeMidi({ header, tracks })));
  });

  it("writes a 10,000-note track that midi-file reads back", () => {
    const tracks = [track(10_000, (i) => 120 + (i % 400))];
    const back = parseMidi(encodeSmf({ format: 1, ticksPerBeat: 480 }, tracks));
    expect(back.tracks[0]).toHaveLength(tracks[0].length);
    expect(back.tracks[0].filter((e) => e.type === "noteOn").map((e) => e.deltaTime)).toEqual(
      tracks[0].filter((e) => e.type === "noteOn").map((e) => e.deltaTime),
    );
  });

  it("refuses a negative or too long delta, and an event it does not know", () => {
    expect(() => encodeSmf({ format: 1, ticksPerBeat: 480 }, [[{ deltaTime: -1, meta: true, type: "endOfTrack" }]])).toThrow(/0..268435455/);
    expect(() => encodeSmf({ format: 1, ticksPerBeat: 480 }, [[{ deltaTime: 0, type: "pitchBend", channel: 0, value: 0 }]])).toThrow(/pitchBend/);
  });
});
