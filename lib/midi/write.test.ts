import { describe, expect, it } from "vitest";
import { parseMidi } from "midi-file";
import { DEFAULT_TRACK_VOLUME, type Note, type PieceMeta, type Track } from "../doc-schema";
import { encodeSmf } from "./encode-smf";
import { parseMidiFile, parsePitchName, pitchName, writeMidiFile } from "./index";

const meta: PieceMeta = { bpm: 96, beatsPerBar: 3, beatUnit: 4 };
const tracks: (Track & { id: string })[] = [
  { id: "m", name: "Melody", role: "melody", instrument: "lead", order: 0 },
  { id: "p", name: "Chords", role: "chords", instrument: "piano", order: 1 },
  { id: "b", name: "Bass", role: "bass", instrument: "bass", order: 2 },
  { id: "d", name: "Drums", role: "drums", instrument: "drums", order: 3 },
];

/** A deterministic little piece: every track busy, same-pitch notes back to back and overlapping. */
function piece(): Note[] {
  const notes: Note[] = [];
  let seed = 7;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), (seed >>> 8) % n);
  for (let i = 0; i < 200; i++) {
    const t = tracks[i % 4];
    const base = { m: 67, p: 60, b: 36, d: 36 }[t.id]!;
    notes.push({ track: t.id, pitch: base + rand(12), start: rand(96) * 120, duration: 1 + rand(600), velocity: 1 + rand(127) });
  }
  notes.push({ track: "m", pitch: 90, start: 0, duration: 480, velocity: 50 }, { track: "m", pitch: 90, start: 480, duration: 480, velocity: 60 });
  notes.push({ track: "m", pitch: 91, start: 0, duration: 600, velocity: 50 }, { track: "m", pitch: 91, start: 240, duration: 600, velocity: 60 });
  return notes;
}

/** The notes the writer keeps as they are: same-pitch notes that end in the order they start (see write.ts). */
function fifoSafe(notes: Note[]): Note[] {
  const groups = new Map<string, Note[]>();
  for (const n of notes) groups.set(`${n.track}/${n.pitch}`, [...(groups.get(`${n.track}/${n.pitch}`) ?? []), n]);
  return [...groups.values()].flatMap((g) => {
    g.sort((a, b) => a.start - b.start || b.duration - a.duration);
    const kept = g.filter((n, i) => i === 0 || g[i - 1].start !== n.start);
    return kept.filter((n, i) => kept.slice(i + 1).every((m) => m.start + m.duration >= n.start + n.duration));
  });
}

const key = (n: Note, trackName: (id: string) => string) => `${trackName(n.track)} ${n.pitch} ${n.start} ${n.duration} ${n.velocity}`;

describe("writeMidiFile", () => {
  it("round-trips tempo, meter, tracks and notes", () => {
    const notes = fifoSafe(piece());
    const back = parseMidiFile(writeMidiFile({ meta, tracks, notes }));
    expect(back.meta).toEqual(meta);
    expect(back.tracks.map((t) => [t.name, t.role, t.instrument])).toEqual(tracks.map((t) => [t.name, t.role, t.instrument]));
    const nameOf = (list: { id: string; name: string }[]) => (id: string) => list.find((t) => t.id === id)!.name;
    const written = notes.map((n) => key(n, nameOf(tracks))).sort();
    const read = back.notes.map((n) => key(n, nameOf(back.tracks))).sort();
    expect(written.length).toBeGreaterThan(150);
    expect(read).toEqual(written);
  });

  it("writes each track's volume as channel volume (CC7) and reads it back, the default one too", () => {
    const mixed = tracks.map((t, i) => (i === 3 ? t : { ...t, volume: [0, 0.37, 1][i] }));
    const notes = tracks.map((t): Note => ({ track: t.id, pitch: 60, start: 0, duration: 480, velocity: 90 }));
    const bytes = writeMidiFile({ meta, tracks: mixed, notes });
    const cc7 = parseMidi(bytes).tracks.slice(1).map((events) => events.find((e) => e.type === "controller" && e.controllerType === 7));
    expect(cc7.map((e) => e && "value" in e && e.value)).toEqual([0, 47, 127, 102]);
    expect(parseMidiFile(bytes).tracks.map((t) => [t.name, t.volume])).toEqual([
      ["Melody", 0],
      ["Chords", 0.37],
      ["Bass", 1],
      ["Drums", DEFAULT_TRACK_VOLUME],
    ]);
    for (let v = 0; v <= 100; v++) {
      const back = parseMidiFile(writeMidiFile({ meta, tracks: [{ ...tracks[0], volume: v / 100 }], notes: notes.slice(0, 1) }));
      expect(back.tracks[0].volume).toBe(v / 100); // every step of the editor's slider survives the trip
    }
  });

  it("leaves the volume unset for a file that does not say it", () => {
    const bytes = encodeSmf({ format: 0, ticksPerBeat: 480 }, [
      [
        { deltaTime: 0, type: "noteOn", channel: 0, noteNumber: 60, velocity: 90 },
        { deltaTime: 480, type: "noteOff", channel: 0, noteNumber: 60, velocity: 0 },
        { deltaTime: 0, meta: true, type: "endOfTrack" },
      ],
    ]);
    expect(parseMidiFile(bytes).tracks[0].volume).toBeUndefined();
  });

  it("ends a same-pitch note that outlasts a later one together with it", () => {
    const nested: Note[] = [
      { track: "m", pitch: 60, start: 0, duration: 960, velocity: 80 },
      { track: "m", pitch: 60, start: 240, duration: 240, velocity: 81 },
    ];
    const back = parseMidiFile(writeMidiFile({ meta, tracks: tracks.slice(0, 1), notes: nested }));
    expect(back.notes.map((n) => [n.start, n.duration, n.velocity])).toEqual([[0, 480, 80], [240, 240, 81]]);
  });

  it("puts drums on channel 10 and writes provenance as text events", () => {
    const bytes = writeMidiFile(
      { meta, tracks, notes: [{ track: "d", pitch: 36, start: 0, duration: 120, velocity: 100 }] },
      { provenanceText: ["Generated by tandem-fim-v1 — 2 bars", "seed 1"] },
    );
    const back = parseMidiFile(bytes);
    expect(back.texts).toEqual(["Generated by tandem-fim-v1 — 2 bars", "seed 1"]);
    expect(back.tracks).toHaveLength(1);
    expect(back.tracks[0]).toMatchObject({ name: "Drums", role: "drums" });
    expect(bytes.indexOf(0x99)).toBeGreaterThan(0); // a note-on on channel 10
  });
});

describe("pitch names", () => {
  it("reads scientific pitch names and MIDI numbers", () => {
    expect(["C4", "c4", "A4", "C#4", "Db4", "Bb3", "C-1", "G9", "60"].map(parsePitchName)).toEqual([60, 60, 69, 61, 61, 58, 0, 127, 60]);
    expect(["H4", "G#9", "128", "", "C", "4"].map(parsePitchName)).toEqual([null, null, null, null, null, 4]);
    expect([60, 61, 0, 127].map(pitchName)).toEqual(["C4", "C#4", "C-1", "G9"]);
  });
});
