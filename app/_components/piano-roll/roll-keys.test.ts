import { describe, expect, it } from "vitest";
import type { NoteWithId } from "@/lib/doc-schema";
import { describeCursor, loopFromSelection, pastePoint, startBarOf } from "./roll-keys";

const meter = { bpm: 120, beatsPerBar: 4, beatUnit: 4 };
const note = (id: string, start: number, duration: number): NoteWithId => ({ id, track: "m", pitch: 60, start, duration, velocity: 90 });
const notes = [note("a", 2000, 100), note("b", 4000, 1000)];

describe("loopFromSelection", () => {
  it("covers the selected notes' whole bars, else the region, else the bar at the paste point", () => {
    expect(loopFromSelection(notes, new Set(["a", "b"]), meter, null, 0)).toEqual({ startTick: 1920, endTick: 5760 });
    expect(loopFromSelection(notes, new Set(["a"]), meter, null, 0)).toEqual({ startTick: 1920, endTick: 3840 });
    expect(loopFromSelection(notes, new Set(), meter, { startBar: 2, endBar: 4 }, 0)).toEqual({ startTick: 3840, endTick: 7680 });
    expect(loopFromSelection(notes, new Set(), meter, null, 1920)).toEqual({ startTick: 1920, endTick: 3840 });
  });
});

describe("startBarOf", () => {
  it("gives the bar of the earliest selected note, and null when none is among the notes", () => {
    expect(startBarOf(notes, new Set(["b", "a"]), meter)).toBe(1);
    expect(startBarOf(notes, new Set(["b"]), meter)).toBe(2);
    expect(startBarOf(notes, new Set(["pasted"]), meter)).toBeNull();
  });
});

describe("describeCursor", () => {
  it("names the pitch, bar and beat", () => {
    expect(describeCursor({ tick: 1920 + 480, pitch: 60 }, meter)).toBe("C4, bar 2 beat 2");
  });
});

describe("pastePoint", () => {
  it("is the bar line of the playhead while playing, else of the keyboard cursor", () => {
    expect(pastePoint(1999, 0, meter)).toBe(1920);
    expect(pastePoint(0, 5000, meter)).toBe(0);
    expect(pastePoint(null, 5000, meter)).toBe(3840);
    expect(pastePoint(null, 1000, { beatsPerBar: 3, beatUnit: 4 })).toBe(0);
    expect(pastePoint(1500, 0, { beatsPerBar: 3, beatUnit: 4 })).toBe(1440);
  });
});
