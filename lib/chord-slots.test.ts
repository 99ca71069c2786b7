import { describe, expect, it } from "vitest";
import { chordSlots, slotSymbol, withEmptyBars, type SlotNote } from "./chord-slots";

const FOUR = { beatsPerBar: 4, beatUnit: 4 };
const THREE = { beatsPerBar: 3, beatUnit: 4 };
const BAR = 1920;
const none = new Map<number, string>();

/** A chord held from `start` for `duration`: its pitches. */
const held = (start: number, duration: number, ...pitches: number[]): SlotNote[] => pitches.map((pitch) => ({ pitch, start, duration }));
const symbols = (notes: SlotNote[], meter = FOUR, overrides = none, fifths: number | null = null) =>
  chordSlots(notes, meter, overrides, fifths).map((s) => [s.start, slotSymbol(s)]);

describe("chordSlots", () => {
  it("gives each bar the chord its notes make, and nothing where none sound", () => {
    const notes = [...held(0, BAR, 48, 52, 55), ...held(2 * BAR, BAR, 45, 60, 64, 67)];
    expect(symbols(notes)).toEqual([
      [0, "C"],
      [BAR, null],
      [2 * BAR, "Am7"],
    ]);
  });

  it("splits a bar in halves where they make different chords", () => {
    const notes = [...held(0, 960, 48, 52, 55), ...held(960, 960, 47, 55, 62)];
    expect(symbols(notes)).toEqual([
      [0, "C"],
      [960, "G/B"],
    ]);
  });

  it("keeps one slot when a half has only a melody note", () => {
    const notes = [...held(0, 960, 48, 52, 55), ...held(960, 480, 72)];
    expect(symbols(notes)).toEqual([[0, "C"]]);
  });

  it("does not split bars of an odd number of beats", () => {
    const notes = [...held(0, 720, 48, 52, 55), ...held(720, 720, 43, 47, 50)];
    expect(chordSlots(notes, THREE, none, null)).toHaveLength(1);
  });

  it("follows the meter: the same notes in 3/4 fall in other bars", () => {
    const notes = [...held(0, 1440, 48, 52, 55), ...held(1440, 1440, 43, 47, 50)];
    expect(symbols(notes, THREE)).toEqual([
      [0, "C"],
      [1440, "G"],
    ]);
  });

  it("takes the bass from a long low note, not a short passing one", () => {
    const notes = [...held(0, BAR, 55, 60, 64), { pitch: 36, start: 0, duration: 1800 }, { pitch: 31, start: 1800, duration: 120 }];
    expect(symbols(notes)).toEqual([[0, "C"]]);
  });

  it("shows a person's symbol over the detected one, in the slot that holds its tick", () => {
    const notes = held(0, 2 * BAR, 48, 52, 55);
    const slots = chordSlots(notes, FOUR, new Map([[BAR, "Am"]]), null);
    expect(slots.map((s) => [s.start, s.detected, s.override?.symbol ?? null])).toEqual([
      [0, "C", null],
      [BAR, "C", "Am"],
    ]);
  });

  it("splits a bar for a symbol typed for its second half, and shows bars up to the last symbol", () => {
    const slots = chordSlots(held(0, BAR, 48, 52, 55), FOUR, new Map([[960, "F"], [2 * BAR + 480, "G"]]), null);
    expect(slots.map((s) => [s.start, slotSymbol(s)])).toEqual([
      [0, "C"],
      [960, "F"],
      [BAR, null],
      [2 * BAR, "G"],
    ]);
    expect(slots[3].override).toEqual({ tick: 2 * BAR + 480, symbol: "G" });
  });

  it("spells by the key's signature", () => {
    expect(symbols(held(0, BAR, 46, 50, 53), FOUR, none, -2)).toEqual([[0, "Bb"]]);
    expect(symbols(held(0, BAR, 46, 50, 53), FOUR, none, 3)).toEqual([[0, "A#"]]);
  });
});

describe("withEmptyBars", () => {
  it("adds empty bars after the last slot up to a tick, and nothing when the slots reach it", () => {
    const slots = chordSlots(held(0, 960, 48, 52, 55), FOUR, none, null);
    expect(withEmptyBars(slots, FOUR, 3 * BAR - 1).map((s) => [s.bar, s.start, slotSymbol(s)])).toEqual([
      [0, 0, "C"],
      [1, BAR, null],
      [2, 2 * BAR, null],
    ]);
    expect(withEmptyBars(slots, FOUR, BAR)).toBe(slots);
    expect(withEmptyBars([], THREE, 1440).map((s) => [s.start, s.end])).toEqual([[0, 1440]]);
  });
});
