import { describe, expect, it } from "vitest";
import type { Note } from "@/lib/doc-schema";
import { substituteRegion } from "./audition";
import { lastTick, scheduleNotes, tickAfter } from "./schedule";

const n = (track: string, pitch: number, start: number, duration = 480): Note => ({ track, pitch, start, duration, velocity: 127 });
const meter = { beatsPerBar: 4, beatUnit: 4 };

describe("schedule", () => {
  const tracks = new Map([
    ["melody", { role: "melody" as const }],
    ["drums", { role: "drums" as const }],
  ]);

  it("turns ticks into seconds from the play position, in time order", () => {
    const events = scheduleNotes([n("drums", 36, 960), n("melody", 60, 480), n("melody", 62, 0)], tracks, 120, 480);
    expect(events).toEqual([
      { time: 0, duration: 0.5, pitch: 60, velocity: 1, role: "melody" },
      { time: 0.5, duration: 0.5, pitch: 36, velocity: 1, role: "drums" },
    ]);
  });

  it("finds the end and moves the playhead", () => {
    expect(lastTick([n("melody", 60, 0), n("melody", 60, 1920, 240)])).toBe(2160);
    expect(tickAfter(1920, 1, 120)).toBe(1920 + 960);
  });
});

describe("audition", () => {
  it("replaces the region's notes (bars, pitches, tracks) by the candidate's", () => {
    const region = { startBar: 1, endBar: 2, pitchLo: 50, pitchHi: 80, trackIds: ["melody"] };
    const keep = [n("melody", 60, 0), n("melody", 40, 1920), n("bass", 60, 1920), n("melody", 60, 3840)];
    const replaced = n("melody", 60, 1920);
    const candidate = [n("melody", 72, 2000)];
    expect(substituteRegion([...keep, replaced], region, candidate, meter)).toEqual([...keep, ...candidate]);
  });
});
