import { describe, expect, it } from "vitest";
import { jamClock } from "@/lib/jam/plan";
import { jamSettingsSchema } from "@/lib/jam/settings";
import type { JamView } from "@/lib/jam/view";
import { testJamView } from "@/lib/jam/test-jam-view";
import { jamGhostNotes, jamOnShow, jamProgress } from "./jam-progress";

const fourFour = { beatsPerBar: 4, beatUnit: 4 };
const clock = jamClock(10_000, 120, fourFour); // bars of 2 s
const callAndResponse = jamSettingsSchema.parse({ mode: "call-and-response", startBar: 4, bars: 4, callBars: 2, bpm: 120, playerTrack: "melody", modelTracks: ["counter"] });
const modelBar = (takeBar: number) => ({
  takeBar,
  pieceBar: 4 + (takeBar % 4),
  due: 10_000 + takeBar * 2_000,
  readyAt: 9_000 + takeBar * 2_000,
  notes: [{ track: "counter", pitch: 67, start: 960, duration: 480, velocity: 90 }],
});
const view = (over: Partial<JamView> = {}) => testJamView(callAndResponse, clock, over);

describe("the jam's progress", () => {
  it("counts in, with the beats left", () => {
    expect(jamProgress(view(), 9_100, true)).toMatchObject({ phase: "count-in", beatsLeft: 2, takeBar: -1, pass: 0 });
  });

  it("shows the pass's bars: the calls the leader's, the answers the model's as they come or are missed", () => {
    const p = jamProgress(view({ bars: [modelBar(2)] }), 14_500, true);
    expect(p).toMatchObject({ phase: "playing", takeBar: 2, pass: 0, missed: 0 });
    expect(p.cells.map((c) => [c.pieceBar, c.state, c.now])).toEqual([
      [4, "you", false],
      [5, "you", false],
      [6, "ready", true],
      [7, "waiting", false],
    ]);
    const later = jamProgress(view({ bars: [modelBar(2)], missed: [{ takeBar: 7, why: "failed" }] }), 25_000, false);
    expect(later.pass).toBe(1);
    expect(later.cells.map((c) => [c.takeBar, c.state])).toEqual([
      [4, "leader"],
      [5, "leader"],
      [6, "waiting"],
      [7, "failed"],
    ]);
  });

  it("stays on the last bar played once the leader stops", () => {
    expect(jamProgress(view({ status: "stopped", endedAt: 16_000 }), 40_000, true)).toMatchObject({ phase: "stopped", takeBar: 2 });
  });
});

describe("the take as ghost notes", () => {
  it("puts the leader's notes and the model's bars on the loop's bars, the model's next bar as soon as it is in", () => {
    const played = [{ pitch: 60, velocity: 100, at: 10_010, ms: 500 }];
    const bar = 1920;
    expect(jamGhostNotes(view({ played, bars: [modelBar(2)] }), fourFour).map((n) => [n.track, n.pitch, n.start])).toEqual([
      ["melody", 60, 4 * bar],
      ["counter", 67, 6 * bar + 960],
    ]);
  });

  it("shows each loop bar's latest pass only", () => {
    const played = [
      { pitch: 60, velocity: 100, at: 10_010, ms: 500 }, // pass 0, bar 0
      { pitch: 62, velocity: 100, at: 18_010, ms: 500 }, // pass 1, bar 0: the same loop bar, later
    ];
    expect(jamGhostNotes(view({ played }), fourFour).map((n) => n.pitch)).toEqual([62]);
  });
});

describe("the jam on show", () => {
  it("is the one playing, else the newest take waiting for Keep or Discard", () => {
    const old = view({ id: "a", status: "stopped" });
    const newer = view({ id: "b", status: "stopped" });
    expect(jamOnShow([old, view({ id: "c" }), newer])?.id).toBe("c");
    expect(jamOnShow([old, newer])?.id).toBe("b");
    expect(jamOnShow([])).toBeNull();
  });
});
