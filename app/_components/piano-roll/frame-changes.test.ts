import { describe, expect, it } from "vitest";
import type { NoteWithId } from "@/lib/doc-schema";
import type { FrameInput } from "./draw-roll";
import { INITIAL_EDITOR_STATE } from "./editor-state";
import { drawnStateChanged, frameInputChanged } from "./frame-changes";
import type { NoteStyle } from "./scene";

const notes: NoteWithId[] = [{ id: "a", track: "melody", pitch: 60, start: 0, duration: 240, velocity: 96 }];
const style = (): NoteStyle => ({ colour: "#fff", hatched: false, dim: false });
const playhead = () => null;
const input = (over: Partial<FrameInput> = {}): FrameInput => ({
  meter: { beatsPerBar: 4, beatUnit: 4 },
  notes,
  styleOf: style,
  ghost: null,
  peers: [],
  rulerMarks: [],
  getPlayhead: playhead,
  track: "melody",
  grid: 120,
  drumTrack: false,
  scale: null,
  ...over,
});

describe("what makes the roll draw again", () => {
  it("nothing when a render rebuilt the same lists and meter (a re-render of the page for something else)", () => {
    expect(frameInputChanged(input(), input({ peers: [], rulerMarks: [], meter: { beatsPerBar: 4, beatUnit: 4 } }))).toBe(false);
    expect(frameInputChanged(input(), input({ notes: [...notes] }))).toBe(false);
  });

  it("any field the frame shows", () => {
    expect(frameInputChanged(input(), input({ notes: [{ ...notes[0], pitch: 61 }] }))).toBe(true);
    expect(frameInputChanged(input(), input({ styleOf: () => style() }))).toBe(true);
    expect(frameInputChanged(input(), input({ track: "bass" }))).toBe(true);
    expect(frameInputChanged(input(), input({ meter: { beatsPerBar: 3, beatUnit: 4 } }))).toBe(true);
    expect(frameInputChanged(input(), input({ scale: { tonic: 2, pitchClasses: new Set([2]) } }))).toBe(true);
  });

  it("a change of the editor state that shows (the view, the selection), not one that does not (the pointer's cell, the live line)", () => {
    const s = INITIAL_EDITOR_STATE;
    expect(drawnStateChanged({ ...s, viewport: { ...s.viewport, scrollTick: 10 } }, s)).toBe(true);
    expect(drawnStateChanged({ ...s, selection: new Set(["a"]) }, s)).toBe(true);
    expect(drawnStateChanged({ ...s, pointer: { tick: 60, pitch: 60 } }, s)).toBe(false);
    expect(drawnStateChanged({ ...s, said: "C4, bar 1" }, s)).toBe(false);
  });
});
