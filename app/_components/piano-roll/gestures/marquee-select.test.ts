import { describe, expect, it } from "vitest";
import type { NoteWithId } from "@/lib/doc-schema";
import * as Y from "yjs";
import { DEFAULT_VIEWPORT as v, EIGHTH, SIXTEENTH, pitchToY, tickToX } from "../geometry";
import { boxSelectable, startMarqueeSelect } from "./marquee-select";
import { NO_MODIFIERS, type GestureEnv } from "./types";

const note = (id: string, track: string, start: number, pitch: number): NoteWithId => ({ id, track, start, pitch, duration: 240, velocity: 96 });
// Two tracks in the same bars and rows: a box over them touches both.
const notes = [note("m1", "melody", 0, 60), note("b1", "bass", 240, 59), note("m2", "melody", 480, 58), note("d1", "drums", 720, 60)];

function env(track: string, selection: ReadonlySet<string> = new Set()): GestureEnv {
  return { doc: new Y.Doc(), viewport: v, meter: { beatsPerBar: 4, beatUnit: 4 }, notes, selection, track, grid: SIXTEENTH, noteLength: EIGHTH, readOnly: false };
}

/** A box from before the first note to past the last, over rows 57..61. */
function box(e: GestureEnv, startMods = NO_MODIFIERS, endMods = startMods): ReadonlySet<string> | undefined {
  const from = { x: tickToX(v, 0) + 1, y: pitchToY(v, 61) };
  const to = { x: tickToX(v, 1200), y: pitchToY(v, 57) };
  const g = startMarqueeSelect(e, from, startMods).gesture;
  g.move(to, endMods);
  return g.end(to, endMods).selection;
}

describe("box selection: the selected track, with Alt every track", () => {
  it("keeps the selected track's notes, or all of them", () => {
    expect(boxSelectable(notes, "bass", false).map((n) => n.id)).toEqual(["b1"]);
    expect(boxSelectable(notes, "bass", true)).toBe(notes);
    expect(boxSelectable(notes, "strings", false)).toEqual([]);
  });

  it("a box takes only the selected track's notes, as Ctrl+A and the eraser do", () => {
    expect(box(env("melody"))).toEqual(new Set(["m1", "m2"]));
    expect(box(env("drums"))).toEqual(new Set(["d1"]));
  });

  it("with Alt held at the start or at the end, it takes every track's", () => {
    const all = new Set(["m1", "b1", "m2", "d1"]);
    expect(box(env("melody"), { ...NO_MODIFIERS, alt: true })).toEqual(all);
    expect(box(env("melody"), NO_MODIFIERS, { ...NO_MODIFIERS, alt: true })).toEqual(all);
  });

  it("Shift adds the box to the selection, which may hold other tracks' notes", () => {
    expect(box(env("bass", new Set(["d1"])), { ...NO_MODIFIERS, shift: true })).toEqual(new Set(["d1", "b1"]));
  });
});
