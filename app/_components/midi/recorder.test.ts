import { describe, expect, it } from "vitest";
import { parseNoteMessage } from "./midi-message";
import { recordedNote } from "./recorder";

describe("recordedNote", () => {
  it("snaps the start to the nearest sixteenth and the length to whole sixteenths", () => {
    expect(recordedNote({ pitch: 60, velocity: 100, tick: 470 }, 950, "melody")).toEqual({ track: "melody", pitch: 60, start: 480, duration: 480, velocity: 100 });
    expect(recordedNote({ pitch: 62, velocity: 64, tick: 1000 }, 1010, "bass")).toMatchObject({ start: 960, duration: 120 }); // a stab
    expect(recordedNote({ pitch: 62, velocity: 64, tick: 20 }, 200, "bass")).toMatchObject({ start: 0, duration: 240 }); // held 1.5 sixteenths
  });

  it("ends a key held across a loop's end at the loop's end", () => {
    const loop = { startTick: 1920, endTick: 3840 };
    expect(recordedNote({ pitch: 60, velocity: 90, tick: 3360 }, 2000, "m", loop)).toMatchObject({ start: 3360, duration: 480 });
    expect(recordedNote({ pitch: 60, velocity: 90, tick: 3830 }, 1930, "m", loop)).toMatchObject({ start: 3840, duration: 120 });
  });
});

describe("parseNoteMessage", () => {
  it("reads note-ons and note-offs on any channel, a note-on at velocity 0 as a note-off, and ignores the rest", () => {
    expect(parseNoteMessage([0x90, 60, 100])).toEqual({ type: "on", pitch: 60, velocity: 100 });
    expect(parseNoteMessage([0x9a, 38, 20])).toEqual({ type: "on", pitch: 38, velocity: 20 });
    expect(parseNoteMessage([0x80, 60, 0])).toEqual({ type: "off", pitch: 60 });
    expect(parseNoteMessage([0x93, 60, 0])).toEqual({ type: "off", pitch: 60 });
    expect(parseNoteMessage([0xb0, 64, 127])).toBeNull(); // sustain pedal
    expect(parseNoteMessage([0xf8])).toBeNull(); // clock
  });
});
