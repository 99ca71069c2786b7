import { describe, expect, it } from "vitest";
import type { Note } from "../doc-schema";
import { jamClock } from "./plan";
import { jamSettingsSchema } from "./settings";
import { keepTake, keptPass, withPlayed, type Take } from "./take";

const fourFour = { beatsPerBar: 4, beatUnit: 4 };
const settings = jamSettingsSchema.parse({ mode: "accompaniment", startBar: 2, bars: 2, bpm: 120, playerTrack: "melody", modelTracks: ["bass", "drums"], grid: 120 });
const clock = jamClock(0, 120, fourFour); // a bar is 2 s, a tick 2000/1920 ms
const bassNote = (start: number): Note => ({ track: "bass", pitch: 40, start, duration: 480, velocity: 80 });
const take = (over: Partial<Take>): Take => ({ settings, clock, played: [], modelBars: [], endedAt: 4_500, ...over });

describe("the jam's settings", () => {
  it("refuses the model playing the leader's track, and a call-and-response loop that does not hold whole calls", () => {
    const bad = jamSettingsSchema.safeParse({ ...settings, modelTracks: ["melody"] });
    expect(bad.success ? null : bad.error.issues[0].message).toBe("The model cannot play the track you play; pick other tracks for it");
    const odd = jamSettingsSchema.safeParse({ ...settings, mode: "call-and-response", bars: 6, callBars: 2 });
    expect(odd.success ? null : odd.error.issues[0].message).toContain("make it a multiple of 4");
    expect(jamSettingsSchema.safeParse({ ...settings, bpm: 141 }).success).toBe(false);
  });
});

describe("keeping a take", () => {
  it("keeps the last whole pass over the loop, or the partial first one", () => {
    expect(keptPass(take({ endedAt: 3_000 }))).toBe(0); // in bar 1: no whole pass yet
    expect(keptPass(take({ endedAt: 4_500 }))).toBe(0); // one whole pass
    expect(keptPass(take({ endedAt: 9_000 }))).toBe(1); // two whole passes and some
  });

  it("writes the leader's notes on the loop's bars, quantised to the grid, and the model's bars on its own tracks", () => {
    const kept = keepTake(
      take({
        played: [
          { pitch: 60, velocity: 90, at: 10, ms: 480 }, // a hair after the downbeat: tick 0
          { pitch: 62, velocity: 70, at: 2_100, ms: 240 }, // 100 ms into the pass's 2nd bar: its 2nd sixteenth (125 ms)
          { pitch: 64, velocity: 70, at: 4_200, ms: 500 }, // the next pass: not this one
        ],
        modelBars: [
          { takeBar: 0, notes: [bassNote(0), { ...bassNote(0), track: "melody" }] }, // the leader's track is not the model's
          { takeBar: 1, notes: [bassNote(960)] },
          { takeBar: 2, notes: [bassNote(0)] },
        ],
      }),
      fourFour,
    );
    const bar2 = 2 * 1920;
    expect(kept.replace).toEqual({ startTick: bar2, endTick: bar2 + 2 * 1920, tracks: ["melody", "bass", "drums"] });
    expect(kept.player).toEqual([
      { track: "melody", pitch: 60, velocity: 90, start: bar2, duration: 480 },
      { track: "melody", pitch: 62, velocity: 70, start: bar2 + 1920 + 120, duration: 240 },
    ]);
    expect(kept.model.map((n) => [n.track, n.start])).toEqual([
      ["bass", bar2],
      ["bass", bar2 + 1920 + 960],
    ]);
  });

  it("records as played with no grid, and never past the loop's end", () => {
    const free = { ...settings, grid: 0 as const };
    const kept = keepTake(take({ settings: free, played: [{ pitch: 67, velocity: 80, at: 3_900, ms: 2_000 }] }), fourFour);
    expect(kept.player[0].start).toBe(2 * 1920 + Math.round(3_900 / (2000 / 1920)));
    expect(kept.player[0].start + kept.player[0].duration).toBe(4 * 1920);
  });
});

describe("the notes played so far", () => {
  it("take a held note's release in its place, and add every other note at the end", () => {
    const held = { pitch: 60, velocity: 90, at: 1_000, ms: 500, held: true as const };
    const other = { pitch: 64, velocity: 90, at: 1_200, ms: 100 };
    const played = withPlayed([held], [other]);
    expect(withPlayed(played, [{ pitch: 60, velocity: 90, at: 1_000, ms: 2_400 }])).toEqual([{ pitch: 60, velocity: 90, at: 1_000, ms: 2_400 }, other]);
    expect(withPlayed(played, [{ pitch: 62, velocity: 90, at: 1_000, ms: 50 }])).toHaveLength(3); // another key pressed with it
    expect(played).toEqual([held, other]); // not changed in place
  });
});

describe("keeping a take someone played along in", () => {
  it("writes their notes of the kept pass on their track, for them, and replaces that track's loop bars too", () => {
    const bo = { userId: "bo", name: "Bo", track: "chords", played: [{ pitch: 60, velocity: 70, at: 1_000, ms: 1_000 }] };
    const idle = { userId: "cy", name: "Cy", track: "pad", played: [{ pitch: 50, velocity: 70, at: 9_000, ms: 500 }] }; // after the take
    const kept = keepTake(take({ alongs: [bo, idle] }), fourFour);
    expect(kept.alongs).toEqual([{ userId: "bo", name: "Bo", track: "chords", notes: [{ track: "chords", pitch: 60, velocity: 70, start: 2 * 1920 + 960, duration: 960 }] }]);
    expect(kept.replace.tracks).toEqual(["melody", "bass", "drums", "chords"]);
  });
});
