/** What a running generation streams: each candidate's new notes only, a restart clears them, nothing lands after stop(). */
import { expect, it, vi } from "vitest";
import type { Note } from "../../lib/doc-schema";
import { streamCandidates } from "./generation-run";

const note = (pitch: number): Note => ({ track: "melody", pitch, start: 0, duration: 240, velocity: 90 });

it("sends each candidate's notes once, in numbered parts, clears them when the generation starts over, and stops", async () => {
  vi.useFakeTimers();
  try {
    const sent: string[] = [];
    const stream = streamCandidates(2, {
      append: async (parts, seq) => void sent.push(`${seq}: ${parts.map((c) => c.map((n) => n.pitch).join(",")).join(" | ")}`),
      clear: async () => void sent.push("clear"),
    });
    stream.onNote(0, note(60));
    stream.onNote(1, note(62));
    stream.onNote(1, note(64));
    await vi.advanceTimersByTimeAsync(200);
    expect(sent).toEqual(["0: 60 | 62,64"]);
    stream.onNote(1, note(65)); // only what is new goes next time
    await vi.advanceTimersByTimeAsync(200);
    expect(sent).toEqual(["0: 60 | 62,64", "1:  | 65"]);
    await vi.advanceTimersByTimeAsync(1000); // nothing new: nothing sent
    expect(sent).toHaveLength(2);
    stream.restart(); // its worker died: another runs it from the start
    stream.onNote(0, note(67));
    await vi.advanceTimersByTimeAsync(200);
    expect(sent).toEqual(["0: 60 | 62,64", "1:  | 65", "clear", "2: 67 | "]);
    stream.onNote(1, note(69));
    await stream.stop();
    await vi.advanceTimersByTimeAsync(200);
    expect(sent).toHaveLength(4);
  } finally {
    vi.useRealTimers();
  }
});

it("sends the parts one after another, so they land in order even when a send is slow", async () => {
  vi.useFakeTimers();
  try {
    const landed: number[] = [];
    const stream = streamCandidates(1, {
      append: (_, seq) => new Promise<void>((r) => setTimeout(() => (landed.push(seq), r()), seq === 0 ? 1000 : 10)),
      clear: async () => undefined,
    });
    stream.onNote(0, note(60));
    await vi.advanceTimersByTimeAsync(200);
    stream.onNote(0, note(62));
    await vi.advanceTimersByTimeAsync(2000);
    expect(landed).toEqual([0, 1]);
    await stream.stop();
  } finally {
    vi.useRealTimers();
  }
});
