import { describe, expect, it } from "vitest";
import type { NoteWithId } from "@/lib/doc-schema";
import { PENDING_NOTE_ID, applyPreview, orderForTrack } from "./preview";

const n = (id: string, track = "melody"): NoteWithId => ({ id, track, pitch: 60, start: 480, duration: 480, velocity: 90 });

describe("preview", () => {
  it("shows moves, resizes and a pending note without touching the input", () => {
    const notes = [n("a"), n("b")];
    expect(applyPreview(notes, { kind: "move", ids: ["a"], dTick: 120, dPitch: -2 }, 120)[0]).toMatchObject({ start: 600, pitch: 58 });
    expect(applyPreview(notes, { kind: "resize", ids: ["b"], dDuration: -1000 }, 120)[1].duration).toBe(120);
    const added = applyPreview(notes, { kind: "add", note: { track: "bass", pitch: 40, start: 0, duration: 240 } }, 120);
    expect(added.at(-1)).toMatchObject({ id: PENDING_NOTE_ID, track: "bass" });
    expect(notes[0].start).toBe(480);
  });

  it("puts the selected track's notes last", () => {
    expect(orderForTrack([n("a", "melody"), n("b", "bass"), n("c", "melody")], "melody").map((x) => x.id)).toEqual(["b", "a", "c"]);
  });
});
