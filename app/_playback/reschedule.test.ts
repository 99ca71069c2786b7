import { describe, expect, it } from "vitest";
import type { Note, Track } from "@/lib/doc-schema";
import { partChanges, partEntries, sameTimeline, type PartEntry } from "./reschedule";
import { buildSchedule, type PlayOptions } from "./schedule";

const n = (pitch: number, start: number, duration = 480, velocity = 100, track = "melody"): Note => ({ track, pitch, start, duration, velocity });
const tracks = new Map<string, Pick<Track, "role" | "instrument" | "volume">>([
  ["melody", { role: "melody", instrument: "lead", volume: 1 }],
  ["bass", { role: "bass", instrument: "bass", volume: 1 }],
]);
const at120 = { bpm: 120, beatsPerBar: 4, beatUnit: 4 }; // a beat is 0.5 s
const describeEntry = ({ time, item }: PartEntry) => (item.kind === "note" ? `${item.e.track} ${item.e.pitch} @${time} v${item.e.velocity.toFixed(2)}` : `click @${time}`);

describe("rescheduling while the piece plays", () => {
  const before = [n(60, 0), n(62, 480), n(64, 960), n(40, 0, 1920, 90, "bass")];
  const play = (notes: Note[], options: PlayOptions = {}) => buildSchedule(notes, tracks, at120, 480, options);

  it("swaps only the notes a collaborator changed, keeping the very entries that stay", () => {
    const playing = partEntries(play(before));
    // Bob moves 64 up a tone, deletes 62, adds 67 at beat 4 and writes a bass note that starts before the play position.
    const after = [n(60, 0), n(66, 960), n(67, 1440), n(40, 0, 1920, 90, "bass"), n(41, 240, 240, 90, "bass")];
    const { removed, added, next } = partChanges(playing, partEntries(play(after)));
    expect(removed.map(describeEntry)).toEqual(["melody 62 @0 v0.79", "melody 64 @0.5 v0.79"]);
    expect(added.map(describeEntry)).toEqual(["melody 66 @0.5 v0.79", "melody 67 @1 v0.79"]);
    expect(removed.every((r) => playing.includes(r))).toBe(true); // the Part removes by identity
    expect(next.filter((e) => !added.includes(e)).every((e) => playing.includes(e))).toBe(true);
    expect(next.map(describeEntry).sort()).toEqual(partEntries(play(after)).map(describeEntry).sort());
  });

  it("replaces the notes of a track whose volume changed, and keeps equal notes apart", () => {
    const twice = [...before, n(64, 960)];
    const playing = partEntries(play(twice));
    const louder = new Map(tracks).set("melody", { role: "melody", instrument: "lead", volume: 0.5 });
    const { removed, added } = partChanges(playing, partEntries(buildSchedule(twice, louder, at120, 480)));
    expect(removed.map(describeEntry)).toEqual(["melody 62 @0 v0.79", "melody 64 @0.5 v0.79", "melody 64 @0.5 v0.79"]);
    expect(added.map(describeEntry)).toEqual(["melody 62 @0 v0.39", "melody 64 @0.5 v0.39", "melody 64 @0.5 v0.39"]);
    // One of two equal notes deleted: one entry goes, not both.
    expect(partChanges(playing, partEntries(play(before))).removed.map(describeEntry)).toEqual(["melody 64 @0.5 v0.79"]);
  });

  it("adds metronome clicks when a note lengthens the piece, and moves its end", () => {
    const options = { metronome: true, countIn: true };
    const was = play(before, options);
    const now = play([...before, n(72, 3840)], options);
    expect(sameTimeline(was, now)).toBe(true);
    expect(now.endSeconds).toBeGreaterThan(was.endSeconds);
    const { added, removed } = partChanges(partEntries(was), partEntries(now));
    expect(removed).toEqual([]);
    expect(added.map(describeEntry)).toEqual(["melody 72 @3.5 v0.79", "click @2", "click @2.5", "click @3", "click @3.5"]);
  });

  it("says when the timeline moved, so playback restarts instead", () => {
    const was = play(before, { loop: { startTick: 0, endTick: 1920 } });
    expect(sameTimeline(was, play([...before, n(70, 0)], { loop: { startTick: 0, endTick: 1920 } }))).toBe(true);
    expect(sameTimeline(was, play(before, { loop: { startTick: 0, endTick: 3840 } }))).toBe(false);
    expect(sameTimeline(was, buildSchedule(before, tracks, { ...at120, bpm: 90 }, 480, { loop: { startTick: 0, endTick: 1920 } }))).toBe(false);
    expect(sameTimeline(play(before), play(before, { countIn: true }))).toBe(false);
  });
});
