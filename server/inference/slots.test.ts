import { describe, expect, it } from "vitest";
import type { Note } from "../../lib/doc-schema";
import { slotPolyphony } from "./slots";

const n = (track: string, pitch: number, start: number, duration: number): Note => ({ track, pitch, start, duration, velocity: 80 });

describe("slotPolyphony", () => {
  it("counts the notes sounding at each onset of a track, at the 95th percentile, and nothing for a track without notes", () => {
    // A melody of 40 notes one after another, one of them held into the next (a legato overlap), and triads.
    const melody = Array.from({ length: 40 }, (_, i) => n("melody", 72, i * 480, i === 10 ? 600 : 480));
    const chords = [0, 1920].flatMap((t) => [60, 64, 67].map((p) => n("chords", p, t, 1920)));
    expect(slotPolyphony([...melody, ...chords], ["melody", "chords", "bass"])).toEqual([1, 3, undefined]);
    const dyads = Array.from({ length: 5 }, (_, i) => n("melody", 72, i * 480, i % 2 ? 480 : 600)); // two notes held over
    expect(slotPolyphony(dyads, ["melody"])).toEqual([2]);
  });
});
