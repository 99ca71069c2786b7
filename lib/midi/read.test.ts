import { readFileSync } from "node:fs";
import { writeMidi, type MidiEvent } from "midi-file";
import { describe, expect, it } from "vitest";
import { noteSchema } from "../doc-schema";
import { MidiFormatError, parseMidiFile } from "./index";

/** Real files from the training datasets, kept in the repository (fixtures/README.md: sources and licenses). */
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

type Untimed<E = MidiEvent> = E extends MidiEvent ? Omit<E, "deltaTime"> : never;

/** A one-track file at `ppq` ticks a beat from [tick, event] pairs. */
function rawMidi(ppq: number, events: [number, Untimed][], format: 0 | 1 = 0): Uint8Array {
  let last = 0;
  const track = events.map(([tick, e]) => {
    const out = { ...e, deltaTime: tick - last } as MidiEvent;
    last = tick;
    return out;
  });
  track.push({ deltaTime: 0, meta: true, type: "endOfTrack" });
  return Uint8Array.from(writeMidi({ header: { format, numTracks: 1, ticksPerBeat: ppq }, tracks: [track] }));
}
const on = (pitch: number, velocity = 90, channel = 0) => ({ type: "noteOn", channel, noteNumber: pitch, velocity }) as const;
const off = (pitch: number, channel = 0) => ({ type: "noteOff", channel, noteNumber: pitch, velocity: 0 }) as const;
const spans = (notes: { pitch: number; start: number; duration: number }[]) =>
  notes.map((n) => [n.pitch, n.start, n.start + n.duration]).sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);

describe("parseMidiFile", () => {
  it("rescales ticks to 480 a beat and reads a note-on at velocity 0 as a note-off", () => {
    // midi-file writes a velocity-0 note-on as 0x90 when byte9 is set, as many files do.
    const zeroOn = (pitch: number) => ({ ...on(pitch, 0), byte9: true }) as const;
    const piece = parseMidiFile(rawMidi(96, [[0, on(60)], [96, zeroOn(60)], [96, on(64, 70)], [144, zeroOn(64)]]));
    expect(spans(piece.notes)).toEqual([[60, 0, 480], [64, 480, 720]]);
    expect(piece.notes.map((n) => n.velocity).sort()).toEqual([70, 90]);
  });

  it("pairs overlapping same-pitch notes first in first out and ends unclosed notes at the last event", () => {
    const bytes = rawMidi(480, [[0, on(60)], [240, on(60)], [480, off(60)], [720, off(60)], [960, on(62)], [1200, on(67)], [1920, { meta: true, type: "marker", text: "end" }]]);
    expect(spans(parseMidiFile(bytes).notes)).toEqual([[60, 0, 480], [60, 240, 720], [62, 960, 1920], [67, 1200, 1920]]);
  });

  it("reads tempo and meter, with 120 bpm 4/4 when the file has none", () => {
    const plain = parseMidiFile(rawMidi(480, [[0, on(60)], [480, off(60)]]));
    expect(plain.meta).toEqual({ bpm: 120, beatsPerBar: 4, beatUnit: 4 });
    const bytes = rawMidi(480, [
      [0, { meta: true, type: "setTempo", microsecondsPerBeat: 500_000 * (120 / 90) }],
      [0, { meta: true, type: "timeSignature", numerator: 3, denominator: 4, metronome: 24, thirtyseconds: 8 }],
      [0, on(60)],
      [480, off(60)],
      [960, { meta: true, type: "setTempo", microsecondsPerBeat: 400_000 }],
    ]);
    expect(parseMidiFile(bytes).meta).toEqual({ bpm: 90, beatsPerBar: 3, beatUnit: 4 });
  });

  it("guesses a role from the instrument's name when the track's name says none (how Tandem writes roles)", () => {
    const named = (trackName: string, instrumentName: string) =>
      rawMidi(480, [
        [0, { meta: true, type: "trackName", text: trackName }],
        [0, { meta: true, type: "instrumentName", text: instrumentName }],
        [0, on(72)],
        [480, off(72)],
      ]);
    expect(parseMidiFile(named("Tune", "lead")).tracks[0]).toMatchObject({ name: "Tune", role: "melody" });
    expect(parseMidiFile(named("Low end", "Fretless Bass")).tracks[0]).toMatchObject({ role: "bass" });
    expect(parseMidiFile(named("Bass line", "lead")).tracks[0]).toMatchObject({ role: "bass" }); // the track's name comes first
    expect(parseMidiFile(named("Keys", "piano")).tracks[0]).toMatchObject({ role: "chords" });
  });

  it("makes one track per channel of a format 0 file and guesses roles from channels and pitches", () => {
    const bytes = rawMidi(480, [
      [0, { meta: true, type: "trackName", text: "Band" }],
      [0, on(36, 100, 9)],
      [0, on(40, 80, 1)],
      [0, on(72, 80, 0)],
      [480, off(36, 9)],
      [480, off(40, 1)],
      [480, off(72, 0)],
    ]);
    const piece = parseMidiFile(bytes);
    expect(piece.tracks.map((t) => [t.name, t.role, t.instrument])).toEqual([
      ["Band (ch 1)", "chords", "piano"],
      ["Band (ch 2)", "bass", "bass"],
      ["Band (ch 10)", "drums", "drums"],
    ]);
  });

  it("rejects a corrupt, truncated or SMPTE-timed file with an error naming the file", () => {
    const good = rawMidi(480, [[0, on(60)], [480, off(60)]]);
    const cases: [Uint8Array, RegExp][] = [
      [new TextEncoder().encode("hello, not a midi file at all"), /not a MIDI file/],
      [good.subarray(0, good.length - 5), /truncated/],
      [Uint8Array.from([...good.subarray(0, 12), 0xe7, 0x28, ...good.subarray(14)]), /SMPTE/],
      [Uint8Array.from([...good.subarray(0, 8), 0x62, 0x61, ...good.subarray(10)]), /corrupt MIDI header: format 25185 \(a Standard MIDI File is format 0, 1 or 2\)/],
    ];
    for (const [bytes, reason] of cases) {
      const err = (() => {
        try {
          parseMidiFile(bytes, "broken-song.mid");
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(MidiFormatError);
      expect((err as Error).message).toMatch(/^broken-song\.mid: /);
      expect((err as Error).message).toMatch(reason);
    }
  });

  it("reads POP909 song 001 as melody, counter-melody and chords", () => {
    const piece = parseMidiFile(fixture("pop909-001.mid"), "001.mid");
    expect(piece.tracks.map((t) => [t.name, t.role])).toEqual([["MELODY", "melody"], ["BRIDGE", "counter"], ["PIANO", "chords"]]);
    expect(piece.meta).toEqual({ bpm: 90, beatsPerBar: 2, beatUnit: 4 });
    expect(piece.notes.length).toBe(264 + 307 + 985);
    for (const n of piece.notes) expect(noteSchema.safeParse(n).success).toBe(true);
  });

  it("reads a Groove MIDI file as one drum track", () => {
    const name = "groove-drummer1-session1-103_funk_95_fill_4-4.mid";
    const piece = parseMidiFile(fixture(name), name);
    expect(piece.tracks).toHaveLength(1);
    expect(piece.tracks[0]).toMatchObject({ role: "drums", instrument: "drums" });
    expect(piece.meta).toEqual({ bpm: 95, beatsPerBar: 4, beatUnit: 4 });
    expect(piece.notes.length).toBe(17);
  });
});
