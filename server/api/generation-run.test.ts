/** The partial views a running generation publishes: notes grow, a restart clears them, nothing lands after stop(). */
import { expect, it, vi } from "vitest";
import type { Note } from "../../lib/doc-schema";
import { streamPartialViews } from "./generation-run";

const note = (pitch: number): Note => ({ track: "melody", pitch, start: 0, duration: 240, velocity: 90 });

it("publishes the notes heard so far, clears them when the generation starts over, and stops", async () => {
  vi.useFakeTimers();
  try {
    const views: number[][] = [];
    const partials = streamPartialViews(2, async (c) => void views.push(c.map((x) => x.length)));
    partials.onNote(0, note(60));
    partials.onNote(1, note(62));
    partials.onNote(1, note(64));
    await vi.advanceTimersByTimeAsync(200);
    expect(views).toEqual([[1, 2]]);
    partials.restart(); // its worker died: another runs it from the start
    partials.onNote(0, note(67));
    await vi.advanceTimersByTimeAsync(200);
    expect(views).toEqual([[1, 2], [1, 0]]);
    partials.onNote(1, note(69));
    await partials.stop();
    await vi.advanceTimersByTimeAsync(200);
    expect(views).toHaveLength(2);
  } finally {
    vi.useRealTimers();
  }
});
