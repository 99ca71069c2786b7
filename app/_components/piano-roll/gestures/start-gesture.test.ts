import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { docMaps, readNotes } from "@/lib/doc-schema";
import { addNote } from "../commands";
import { DEFAULT_VIEWPORT as v, EIGHTH, SIXTEENTH, noteRect, pitchToY, tickToX } from "../geometry";
import { startGesture } from "./start-gesture";
import { NO_MODIFIERS, type GestureEnv, type Tool } from "./types";

const meter = { beatsPerBar: 4, beatUnit: 4 };

function setup(readOnly = false) {
  const doc = new Y.Doc();
  const env = (selection: Set<string> = new Set(), selectionDrawn = false): GestureEnv => ({
    doc,
    viewport: v,
    meter,
    notes: readNotes(doc),
    selection,
    track: "melody",
    grid: SIXTEENTH,
    noteLength: EIGHTH,
    selectionDrawn,
    readOnly,
  });
  return { doc, env };
}

const at = (tick: number, pitch: number) => ({ x: tickToX(v, tick) + 1, y: pitchToY(v, pitch) + 2 });

function drag(env: GestureEnv, from: { x: number; y: number }, to: { x: number; y: number }, tool: Tool = "draw", mods = NO_MODIFIERS) {
  const started = startGesture(env, from, mods, tool);
  if (!started) return null;
  started.gesture.move(to, mods);
  const preview = started.gesture.preview();
  return { started, preview, result: started.gesture.end(to, mods) };
}

describe("gestures", () => {
  it("a click on empty grid adds a snapped 1/8 note in the selected track and selects it", () => {
    const { doc, env } = setup();
    const p = { x: tickToX(v, 130) + 0.5, y: pitchToY(v, 67) + 3 };
    const r = drag(env(), p, p)!;
    const notes = readNotes(doc);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ track: "melody", pitch: 67, start: 120, duration: EIGHTH });
    expect([...r.result.selection!]).toEqual([notes[0].id]);
    expect(r.result.noteLength).toBeUndefined();
  });

  it("with notes picked by hand, a Draw click on empty grid only deselects; after drawing one, it draws the next", () => {
    const { doc, env } = setup();
    const id = addNote(doc, { track: "melody", pitch: 60, start: 0, duration: 480 });
    const p = at(1920, 67);
    const r = drag(env(new Set([id])), p, p)!;
    expect(r.started.selection).toEqual(new Set());
    expect(r.result).toEqual({});
    expect(readNotes(doc)).toHaveLength(1);
    // The note just drawn is selected too, but the next click draws another note beside it.
    const drawn = drag(env(new Set([id]), true), p, p)!;
    expect(readNotes(doc)).toHaveLength(2);
    expect(drawn.result).toMatchObject({ drawn: true, selection: new Set([readNotes(doc).find((n) => n.pitch === 67)!.id]) });
  });

  it("dragging while adding sets the length, which becomes the next default", () => {
    const { doc, env } = setup();
    const r = drag(env(), at(0, 60), { x: tickToX(v, 900), y: pitchToY(v, 60) })!;
    expect(r.preview).toMatchObject({ kind: "add", note: { start: 0, duration: 960 } });
    expect(readNotes(doc)[0].duration).toBe(960);
    expect(r.result.noteLength).toBe(960);
  });

  it("dragging a note's body moves it on the grid", () => {
    const { doc, env } = setup();
    const id = addNote(doc, { track: "melody", pitch: 60, start: 480, duration: 480 });
    const r = drag(env(), at(480, 60), { x: tickToX(v, 480 + 250) + 1, y: pitchToY(v, 62) + 2 })!;
    expect(r.started.selection).toEqual(new Set([id]));
    expect(r.preview).toEqual({ kind: "move", ids: [id], dTick: 240, dPitch: 2 });
    expect(docMaps(doc).notes.get(id)).toMatchObject({ start: 720, pitch: 62 });
  });

  it("dragging a note's right edge resizes it and remembers the length", () => {
    const { doc, env } = setup();
    const id = addNote(doc, { track: "melody", pitch: 60, start: 0, duration: 480 });
    const r0 = noteRect(v, { start: 0, duration: 480, pitch: 60 });
    const edge = { x: r0.x + r0.w - 1, y: r0.y + 2 };
    const r = drag(env(), edge, { x: edge.x + 48, y: edge.y })!;
    expect(r.preview).toMatchObject({ kind: "resize", dDuration: 480 });
    expect(docMaps(doc).notes.get(id)?.duration).toBe(960);
    expect(r.result.noteLength).toBe(960);
  });

  it("the select tool or Shift drags a marquee of the track's notes; Shift adds to the selection, Alt takes every track's", () => {
    const { doc, env } = setup();
    const a = addNote(doc, { track: "melody", pitch: 60, start: 0, duration: 240 });
    const b = addNote(doc, { track: "bass", pitch: 40, start: 1920, duration: 240 });
    const r = drag(env(), { x: v.keysWidth + 1, y: v.rulerHeight + 1 }, at(240, 50), "select")!;
    expect(r.preview.kind).toBe("marquee");
    expect(r.result.selection).toEqual(new Set([a]));
    const shift = { ...NO_MODIFIERS, shift: true };
    expect(drag(env(new Set([a])), at(1800, 45), at(2000, 35), "draw", shift)!.result.selection).toEqual(new Set([a]));
    const r2 = drag(env(new Set([a])), at(1800, 45), at(2000, 35), "draw", { ...shift, alt: true })!;
    expect(r2.result.selection).toEqual(new Set([a, b]));
    expect(readNotes(doc)).toHaveLength(2);
  });

  it("the region tool picks whole bars, end exclusive, in either direction", () => {
    const { env } = setup();
    const r = drag(env(), at(1920 * 3 + 100, 60), at(1920 + 5, 60), "region")!;
    expect(r.result.region).toEqual({ startBar: 1, endBar: 4 });
  });

  it("a viewer can select but never edit", () => {
    const { doc, env } = setup(true);
    const id = addNote(doc, { track: "melody", pitch: 60, start: 0, duration: 480 });
    const p = at(3000, 70);
    expect(drag(env(), p, p)!.preview.kind).toBe("marquee");
    drag(env(), at(0, 60), at(960, 65));
    expect(readNotes(doc)).toEqual([{ id, track: "melody", pitch: 60, start: 0, duration: 480, velocity: 96 }]);
  });

  it("ignores the keys column; a drag on the ruler sets the loop in whole bars, a click clears it", () => {
    const { env } = setup();
    expect(startGesture(env(), { x: 5, y: 100 }, NO_MODIFIERS, "draw")).toBeNull();
    const r = drag(env(), { x: tickToX(v, 1920 + 100), y: 5 }, { x: tickToX(v, 300), y: 5 }, "select")!;
    expect(r.preview).toEqual({ kind: "loop", loop: { startTick: 0, endTick: 3840 } });
    expect(r.result.loop).toEqual({ startTick: 0, endTick: 3840 });
    const click = drag(env(), { x: 100, y: 5 }, { x: 101, y: 5 })!;
    expect(click.result.loop).toEqual({ startTick: 0, endTick: 0 });
    expect(startGesture(env(), { x: 100, y: 5 }, NO_MODIFIERS, "region")).not.toBeNull();
  });

  it("the erase tool deletes every note of the track it sweeps over, in one command", () => {
    const { doc, env } = setup();
    const a = addNote(doc, { track: "melody", pitch: 60, start: 0, duration: 240 });
    const b = addNote(doc, { track: "melody", pitch: 60, start: 480, duration: 240 });
    const other = addNote(doc, { track: "bass", pitch: 60, start: 960, duration: 240 });
    let transactions = 0;
    doc.on("afterTransaction", () => transactions++);
    const started = startGesture(env(), at(0, 60), NO_MODIFIERS, "erase")!;
    started.gesture.move(at(500, 60), NO_MODIFIERS);
    started.gesture.move(at(970, 60), NO_MODIFIERS);
    expect(started.gesture.preview()).toEqual({ kind: "erase", ids: new Set([a, b]) });
    started.gesture.end(at(970, 60), NO_MODIFIERS);
    expect(readNotes(doc).map((n) => n.id)).toEqual([other]);
    expect(transactions).toBe(1);
  });

  it("a drag in the velocity lane sets the velocities of the notes it crosses (the selected ones, if any)", () => {
    const { doc, env } = setup();
    const lane = { ...v, laneHeight: 80 };
    const a = addNote(doc, { track: "melody", pitch: 60, start: 0, duration: 240 });
    const b = addNote(doc, { track: "melody", pitch: 62, start: 480, duration: 240 });
    const top = { x: tickToX(lane, 0) + 1, y: lane.height - 76 };
    const withLane = (sel: Set<string>) => ({ ...env(sel), viewport: lane });
    drag(withLane(new Set()), top, { x: tickToX(lane, 480) + 1, y: lane.height - 76 });
    expect(readNotes(doc).map((n) => n.velocity)).toEqual([127, 127]);
    drag(withLane(new Set([b])), { x: tickToX(lane, 0), y: lane.height - 40 }, { x: tickToX(lane, 480), y: lane.height - 40 });
    expect(docMaps(doc).notes.get(a)?.velocity).toBe(127);
    expect(docMaps(doc).notes.get(b)?.velocity).toBeLessThan(80);
  });
});
