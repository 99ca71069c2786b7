import { describe, expect, it } from "vitest";
import type { Note, Track } from "@/lib/doc-schema";
import { buildSchedule, instrumentOf, tickAt } from "./schedule";

const n = (track: string, pitch: number, start: number, duration = 480, velocity = 127): Note => ({ track, pitch, start, duration, velocity });
const tracks = new Map<string, Pick<Track, "role" | "instrument" | "volume">>([
  ["melody", { role: "melody", instrument: "lead", volume: 1 }],
  ["chords", { role: "chords", instrument: "piano", volume: 0.5 }],
  ["drums", { role: "drums", instrument: "drums" }],
]);
const at120 = { bpm: 120, beatsPerBar: 4, beatUnit: 4 }; // a beat is 0.5 s, a bar 2 s
const seen = (s: ReturnType<typeof buildSchedule>) => s.events.map((e) => [e.track, e.pitch, e.time, e.duration]);

describe("buildSchedule", () => {
  it("asks for the notes from the play position on, in seconds at the piece's tempo, in time order", () => {
    const s = buildSchedule([n("drums", 36, 960), n("melody", 60, 480), n("melody", 62, 0)], tracks, at120, 480);
    expect(seen(s)).toEqual([
      ["melody", 60, 0, 0.5],
      ["drums", 36, 0.5, 0.5],
    ]);
    expect(s.startAt).toBe(0);
    expect(s.endSeconds).toBe(1);
    expect(s.loop).toBeNull();
  });

  it("follows the tempo", () => {
    const s = buildSchedule([n("melody", 60, 960, 960)], tracks, { ...at120, bpm: 60 }, 0);
    expect(seen(s)).toEqual([["melody", 60, 2, 2]]);
  });

  it("plays each track on its instrument at its volume", () => {
    const s = buildSchedule([n("melody", 60, 0), n("chords", 48, 0, 480, 100), n("drums", 38, 0), n("other", 70, 0)], tracks, at120, 0);
    expect(s.events.map((e) => [e.track, e.instrument])).toEqual([
      ["drums", "drums"],
      ["chords", "piano"],
      ["melody", "lead"],
      ["other", "piano"],
    ]);
    expect(s.events.find((e) => e.track === "chords")!.velocity).toBeCloseTo((100 / 127) * 0.5);
    expect(s.events.find((e) => e.track === "drums")!.velocity).toBeCloseTo(0.8); // default track volume
    expect(instrumentOf({ role: "bass", instrument: "synth bass" })).toBe("bass");
    expect(instrumentOf({ role: "melody", instrument: "drums" })).toBe("drums");
  });

  it("leaves out muted tracks, and everything but the soloed ones", () => {
    const notes = [n("melody", 60, 0), n("chords", 48, 0), n("drums", 36, 0)];
    const muted = buildSchedule(notes, tracks, at120, 0, { mix: { muted: new Set(["drums"]), soloed: new Set() } });
    expect(muted.events.map((e) => e.track).sort()).toEqual(["chords", "melody"]);
    const solo = buildSchedule(notes, tracks, at120, 0, { mix: { muted: new Set(["chords"]), soloed: new Set(["chords", "drums"]) } });
    expect(solo.events.map((e) => e.track)).toEqual(["drums"]);
  });

  it("counts in one bar of the meter, then starts the piece", () => {
    const s = buildSchedule([n("melody", 60, 0)], tracks, { bpm: 120, beatsPerBar: 3, beatUnit: 4 }, 0, { countIn: true });
    expect(s.countIn).toEqual([
      { time: 0, accent: true },
      { time: 0.5, accent: false },
      { time: 1, accent: false },
    ]);
    expect(s.startAt).toBe(1.5);
    expect(tickAt(s, 1)).toBe(0); // the playhead waits at the play position during the count-in
    expect(tickAt(s, 2)).toBe(480);
    const sixEight = buildSchedule([], tracks, { bpm: 120, beatsPerBar: 6, beatUnit: 8 }, 0, { countIn: true });
    expect(sixEight.countIn.map((c) => c.time)).toEqual([0, 0.25, 0.5, 0.75, 1, 1.25]);
  });

  it("clicks the metronome on every beat to the end, accenting bar lines, from mid-bar too", () => {
    const s = buildSchedule([n("melody", 60, 1920 + 240, 960)], tracks, at120, 1920 + 240, { metronome: true });
    // From beat 1.5 of bar 2 to the note's end at bar 2 beat 3.5: at least one bar of clicks.
    expect(s.clicks).toEqual([
      { time: 0.25, accent: false },
      { time: 0.75, accent: false },
      { time: 1.25, accent: false },
      { time: 1.75, accent: true },
    ]);
    expect(buildSchedule([n("melody", 60, 0)], tracks, at120, 0).clicks).toEqual([]);
  });

  it("loops a range: notes starting inside it, cut at its end, entered at the play position", () => {
    const notes = [n("melody", 60, 0), n("melody", 62, 1920), n("melody", 64, 1920 + 1440, 960), n("melody", 65, 3840)];
    const loop = { startTick: 1920, endTick: 3840 }; // bar 2
    const s = buildSchedule(notes, tracks, at120, 1920 + 960, { loop, metronome: true });
    expect(seen(s)).toEqual([
      ["melody", 62, 0, 0.5],
      ["melody", 64, 1.5, 0.5],
    ]);
    expect(s.loop).toEqual({ seconds: 2 });
    expect(s.offset).toBe(1);
    expect(s.clicks.map((c) => c.time)).toEqual([0, 0.5, 1, 1.5]);
    expect(tickAt(s, 0)).toBe(2880);
    expect(tickAt(s, 0.5)).toBe(3360);
    expect(tickAt(s, 1.25)).toBe(1920 + 240); // wrapped to the loop's start
  });

  it("starts a loop at its beginning when the play position is outside it", () => {
    const s = buildSchedule([n("melody", 60, 1920)], tracks, at120, 0, { loop: { startTick: 1920, endTick: 3840 } });
    expect([s.beginTick, s.offset]).toEqual([1920, 0]);
    expect(buildSchedule([], tracks, at120, 0, { loop: { startTick: 960, endTick: 960 } }).loop).toBeNull();
  });
});
