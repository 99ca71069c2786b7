import { describe, expect, it } from "vitest";
import type { NoteWithId } from "@/lib/doc-schema";
import { DEFAULT_VIEWPORT as v, noteRect, normalizeRect } from "./geometry";
import { hitNote, notesInRect } from "./hit-test";

const note = (id: string, start: number, duration: number, pitch: number): NoteWithId => ({
  id,
  track: "melody",
  start,
  duration,
  pitch,
  velocity: 96,
});

describe("hit testing", () => {
  const a = note("a", 0, 480, 72);
  const b = note("b", 240, 480, 72); // overlaps a, drawn on top
  const c = note("c", 1920, 240, 60);
  const notes = [a, b, c];

  it("finds the topmost note's body or end", () => {
    const rb = noteRect(v, b);
    expect(hitNote(v, notes, { x: rb.x + 2, y: rb.y + 2 })).toEqual({ note: b, part: "body" });
    expect(hitNote(v, notes, { x: rb.x + rb.w - 1, y: rb.y + 2 })).toEqual({ note: b, part: "end" });
    const ra = noteRect(v, a);
    expect(hitNote(v, notes, { x: ra.x + 2, y: ra.y + 5 })?.note.id).toBe("a");
  });

  it("misses empty space and neighbouring rows", () => {
    const rc = noteRect(v, c);
    expect(hitNote(v, notes, { x: rc.x - 1, y: rc.y + 1 })).toBeNull();
    expect(hitNote(v, notes, { x: rc.x + 2, y: rc.y + rc.h })).toBeNull();
  });

  it("keeps a narrow note's body grabbable", () => {
    const tiny = note("t", 0, 30, 50); // 3 px wide
    const r = noteRect(v, tiny);
    expect(hitNote(v, [tiny], { x: r.x + 0.5, y: r.y + 1 })?.part).toBe("body");
  });

  it("selects the notes a marquee touches", () => {
    const ra = noteRect(v, a);
    const rc = noteRect(v, c);
    expect(notesInRect(v, notes, normalizeRect({ x: ra.x + 1, y: ra.y + 1 }, { x: ra.x + 2, y: ra.y + 2 }))).toEqual(["a"]);
    expect(notesInRect(v, notes, normalizeRect({ x: rc.x + rc.w + 10, y: 0 }, { x: 0, y: 1000 })).sort()).toEqual(["a", "b", "c"]);
    expect(notesInRect(v, notes, { x: rc.x + rc.w + 1, y: 0, w: 50, h: 1000 })).toEqual([]);
  });
});
