import { describe, expect, it } from "vitest";
import type { Note, Track } from "@/lib/doc-schema";
import { substituteRegion } from "./audition";
import { buildSchedule } from "./schedule";

const n = (track: string, pitch: number, start: number, duration = 480): Note => ({ track, pitch, start, duration, velocity: 127 });
const meter = { beatsPerBar: 4, beatUnit: 4 };

describe("audition", () => {
  const region = { startBar: 1, endBar: 2, pitchLo: 50, pitchHi: 80, trackIds: ["melody"] };
  const keep = [n("melody", 60, 0), n("melody", 40, 1920), n("bass", 60, 1920), n("melody", 60, 3840)];
  const replaced = n("melody", 60, 1920);
  const candidate = [n("melody", 72, 2000)];

  it("replaces the region's notes (bars, pitches, tracks) by the candidate's", () => {
    expect(substituteRegion([...keep, replaced], region, candidate, meter)).toEqual([...keep, ...candidate]);
  });

  it("schedules the candidate in context, from the bar before the region, on the tracks' instruments", () => {
    const tracks = new Map<string, Pick<Track, "role" | "instrument">>([
      ["melody", { role: "melody", instrument: "lead" }],
      ["bass", { role: "bass", instrument: "bass" }],
    ]);
    const notes = substituteRegion([...keep, replaced], region, candidate, meter);
    const s = buildSchedule(notes, tracks, { bpm: 120, ...meter }, 0, { mix: { muted: new Set(), soloed: new Set() } });
    expect(s.events.map((e) => [e.pitch, e.time, e.instrument])).toEqual([
      [60, 0, "lead"],
      [40, 2, "lead"],
      [60, 2, "bass"],
      [72, 2 + 80 / 960, "lead"],
      [60, 4, "lead"],
    ]);
  });
});
