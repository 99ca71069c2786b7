import { describe, expect, it } from "vitest";
import type { Note } from "@/lib/doc-schema";
import { barsLabel, primaryAsk } from "./ask-plan";

const meter = { beatsPerBar: 4, beatUnit: 4 }; // 1920 ticks a bar
const BAR = 1920;
const note = (bar: number, pitch = 60, track = "melody"): Note => ({ track, pitch, start: bar * BAR, duration: 480, velocity: 90 });
const scope = (startBar: number, endBar: number, trackIds = ["melody", "bass"]) => ({ range: { startBar, endBar }, pitchLo: 0, pitchHi: 127, trackIds });
const lastTick = (notes: Note[]) => notes.reduce((m, n) => Math.max(m, n.start + n.duration), 0);
const plan = (notes: Note[], startBar: number, endBar: number, trackIds?: string[]) => primaryAsk(scope(startBar, endBar, trackIds), notes, lastTick(notes), meter);

describe("what asking the AI about the selected bars does", () => {
  const piece = [note(0), note(1), note(3), note(5)]; // music in bars 1, 2, 4 and 6; bars 3 and 5 empty

  it("rewrites bars that hold notes", () => {
    expect(plan(piece, 0, 2)).toMatchObject({ mode: "infill", label: "Rewrite bars 1–2" });
    expect(plan(piece, 3, 4)).toMatchObject({ mode: "infill", label: "Rewrite bar 4" });
  });

  it("fills empty bars inside the piece from the music on both sides, not an infill of nothing", () => {
    const p = plan(piece, 2, 3);
    expect(p).toMatchObject({ mode: "infill", label: "Fill bar 3" });
    expect(p).toHaveProperty("explain", "Bar 3 is empty: the AI fills it, fitting what comes before and after.");
    // Notes on a track the AI leaves alone do not count: for the bass, bars 1–2 are empty.
    expect(plan(piece, 0, 2, ["bass"])).toMatchObject({ mode: "infill", label: "Fill bars 1–2" });
  });

  it("continues the piece when the bars reach past its end, up to the last one selected", () => {
    expect(plan(piece, 6, 8)).toMatchObject({ mode: "continue", bars: 2, label: "Continue to bar 8" });
    // A gap after the end is written too: the continuation starts where the piece ends.
    expect(plan(piece, 8, 10)).toMatchObject({ mode: "continue", bars: 4, label: "Continue to bar 10" });
    // Bars with notes before the end stay: the AI writes after them.
    const p = plan(piece, 4, 8);
    expect(p).toMatchObject({ mode: "continue", bars: 2 });
    expect(p).toHaveProperty("explain", "The piece ends at bar 6: the AI continues it with bars 7–8. Bars 5–6 stay as they are.");
  });

  it("writes an empty piece from scratch", () => {
    expect(plan([], 0, 2)).toMatchObject({ mode: "continue", bars: 2, label: "Write bars 1–2" });
    expect(plan([], 2, 4)).toMatchObject({ mode: "continue", bars: 4, label: "Write bars 1–4" });
    // One bar of an empty piece is inside it, as the server counts (a piece has at least one bar).
    expect(plan([], 0, 1)).toMatchObject({ mode: "infill", label: "Fill bar 1" });
  });

  it("says why when the AI cannot write that much at once", () => {
    expect(plan(piece, 0, 6)).toMatchObject({ mode: "infill" });
    const long = Array.from({ length: 30 }, (_, i) => note(i));
    expect(plan(long, 0, 20)).toEqual({ mode: null, error: "The AI writes at most 16 bars at once; 20 are selected. Select fewer bars." });
    expect(plan(piece, 20, 24)).toMatchObject({ mode: null, error: expect.stringContaining("at most 16 bars at once, to bar 22") });
  });

  it("names bars as people count them", () => {
    expect(barsLabel(0, 1)).toBe("bar 1");
    expect(barsLabel(2, 5)).toBe("bars 3–5");
  });
});
