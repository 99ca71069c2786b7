import { describe, expect, it } from "vitest";
import type { NoteWithId } from "@/lib/doc-schema";
import { noteUnder } from "./note-history-target";

const n = (id: string, pitch: number, start: number, duration: number): NoteWithId => ({ id, track: "melody", pitch, start, duration, velocity: 80 });

describe("note history target", () => {
  const notes = [n("long", 60, 0, 1920), n("short", 60, 480, 240), n("other", 62, 0, 480)];

  it("finds the note under the pointer, preferring the shortest", () => {
    expect(noteUnder(notes, { tick: 100, pitch: 60 })).toBe("long");
    expect(noteUnder(notes, { tick: 600, pitch: 60 })).toBe("short");
    expect(noteUnder(notes, { tick: 480, pitch: 62 })).toBeNull(); // the end is outside the note
    expect(noteUnder(notes, null)).toBeNull();
  });
});
