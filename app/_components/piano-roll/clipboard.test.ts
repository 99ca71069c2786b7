import { describe, expect, it } from "vitest";
import { copyClip, duplicateAt, pasteClip } from "./clipboard";

const n = (id: string, track: string, start: number, pitch = 60) => ({ id, track, pitch, start, duration: 240, velocity: 80 });
const notes = [n("a", "melody", 2000, 64), n("b", "melody", 2160), n("c", "bass", 3000, 40), n("d", "melody", 5000)];

describe("clipboard", () => {
  it("copies the selected notes relative to the first one's bar-aligned start", () => {
    const clip = copyClip(notes, new Set(["b", "a", "c"]), 1920)!;
    expect(clip.notes.map((x) => x.start)).toEqual([80, 240, 1080]);
    expect(clip.notes.map((x) => x.pitch)).toEqual([64, 60, 40]);
    expect(clip.tracks).toEqual(["melody", "melody", "bass"]);
    expect(clip.span).toBe(1080 + 240);
    expect(copyClip(notes, new Set(), 1920)).toBeNull();
  });

  it("pastes at a tick onto the selected track, or each note onto its own", () => {
    const clip = copyClip(notes, new Set(["a", "c"]), 1920)!;
    expect(pasteClip(clip, 3840, "chords")).toEqual([
      { pitch: 64, start: 3920, duration: 240, velocity: 80, track: "chords" },
      { pitch: 40, start: 4920, duration: 240, velocity: 80, track: "chords" },
    ]);
    expect(pasteClip(clip, 0, "chords", new Set(["bass"])).map((x) => x.track)).toEqual(["chords", "bass"]);
  });

  it("duplicates right after the selection, on the grid", () => {
    const clip = copyClip(notes, new Set(["a", "b"]), 1)!; // origin 2000, span 400
    expect(duplicateAt(2000, clip, 120)).toBe(2480);
  });
});
