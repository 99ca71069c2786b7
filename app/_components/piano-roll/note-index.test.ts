import { describe, expect, it } from "vitest";
import { buildIndex, notesInWindow } from "./note-index";

const n = (id: string, start: number, duration: number) => ({ id, track: "t", pitch: 60, velocity: 90, start, duration });

describe("note index", () => {
  it("finds exactly the notes overlapping a window, like a full scan", () => {
    const notes = Array.from({ length: 2000 }, (_, i) => n(String(i), (i * 7919) % 100_000, 1 + ((i * 31) % 4000)));
    const index = buildIndex(notes);
    for (const [from, to] of [[0, 1000], [50_000, 52_000], [99_000, 200_000], [-10, 0]]) {
      const scan = notes.filter((x) => x.start < to && x.start + x.duration > from).map((x) => x.id).sort();
      expect(notesInWindow(index, from, to).map((x) => x.id).sort()).toEqual(scan);
    }
  });

  it("keeps a long note that starts well before the window", () => {
    const index = buildIndex([n("long", 0, 10_000), n("short", 5000, 10)]);
    expect(notesInWindow(index, 9000, 9500).map((x) => x.id)).toEqual(["long"]);
  });
});
