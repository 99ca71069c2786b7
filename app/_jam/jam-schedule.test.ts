import { describe, expect, it } from "vitest";
import type { Track } from "@/lib/doc-schema";
import { jamClock } from "@/lib/jam/plan";
import { jamSettingsSchema } from "@/lib/jam/settings";
import type { JamView } from "@/lib/jam/view";
import { testJamView } from "@/lib/jam/test-jam-view";
import { audioTime, heldNoteEnd, jamSounds, listenDelayMs, nextWindow, type JamEar } from "./jam-schedule";

const fourFour = { beatsPerBar: 4, beatUnit: 4 };
const settings = jamSettingsSchema.parse({ mode: "accompaniment", startBar: 0, bars: 4, bpm: 120, playerTrack: "melody", modelTracks: ["bass"] });
const clock = jamClock(10_000, 120, fourFour); // a bar is 2 s, a beat 0.5 s
const tracks = new Map<string, Track>([
  ["melody", { name: "Melody", role: "melody", volume: 1 } as Track],
  ["bass", { name: "Bass", role: "bass", volume: 0.5 } as Track],
]);
const bassBar = (takeBar: number, readyAt: number) => ({
  takeBar,
  pieceBar: takeBar % 4,
  due: 10_000 + takeBar * 2_000,
  readyAt,
  notes: [{ track: "bass", pitch: 40, start: 480, duration: 480, velocity: 127 }], // beat 2 of the bar
});
const view = (over: Partial<JamView> = {}) => testJamView(settings, clock, over);
const leader: JamEar = { leader: true, metronome: false, arrivals: new Map() };
const listener: JamEar = { leader: false, metronome: false, arrivals: new Map() };

describe("what the leader hears", () => {
  it("a bar of count-in clicks, the downbeat accented, then nothing without the metronome", () => {
    const clicks = jamSounds(view(), fourFour, tracks, 0, 20_000, leader);
    expect(clicks).toEqual([
      { kind: "click", at: 8_000, accent: true },
      { kind: "click", at: 8_500, accent: false },
      { kind: "click", at: 9_000, accent: false },
      { kind: "click", at: 9_500, accent: false },
    ]);
    const metronome = jamSounds(view(), fourFour, tracks, 9_900, 12_100, { ...leader, metronome: true });
    expect(metronome.map((c) => [c.at, c.kind === "click" && c.accent])).toEqual([
      [10_000, true],
      [10_500, false],
      [11_000, false],
      [11_500, false],
      [12_000, true],
    ]);
  });

  it("a model bar on its own beats, on its track's instrument and volume", () => {
    const heard = jamSounds(view({ bars: [bassBar(1, 11_000)] }), fourFour, tracks, 0, 20_000, leader).filter((s) => s.kind === "note");
    expect(heard).toEqual([{ kind: "note", at: 12_500, ms: 500, pitch: 40, velocity: 0.5, instrument: "bass", track: "bass" }]);
  });

  it("a bar that came after its downbeat less the lookahead, or that the server marked missed, stays silent", () => {
    const late = view({ bars: [bassBar(1, 11_000)] });
    expect(jamSounds(late, fourFour, tracks, 0, 20_000, { ...leader, arrivals: new Map([[1, 11_900]]) })).toHaveLength(4); // the count-in only
    expect(jamSounds(late, fourFour, tracks, 0, 20_000, { ...leader, arrivals: new Map([[1, 11_800]]) })).toHaveLength(5);
    expect(jamSounds({ ...late, missed: [{ takeBar: 1, why: "late" }] }, fourFour, tracks, 0, 20_000, leader)).toHaveLength(4);
  });

  it("each sound once over windows that follow one another, nothing after the jam stopped", () => {
    const v = view({ bars: [bassBar(0, 9_000), bassBar(1, 11_000), bassBar(2, 13_000)], endedAt: 14_000, status: "stopped" });
    const spans = [0, 9_000, 10_500, 10_600, 30_000];
    const heard = spans.slice(1).flatMap((to, i) => jamSounds(v, fourFour, tracks, spans[i], to, leader));
    expect(heard.filter((s) => s.kind === "note").map((s) => s.at)).toEqual([10_500, 12_500]);
  });
});

describe("what a listener hears", () => {
  it("hears the jam a whole bar behind: at least a beat and the network's time", () => {
    expect(listenDelayMs(clock)).toBe(2_000);
    expect(listenDelayMs(jamClock(0, 120, { beatsPerBar: 2, beatUnit: 8 }))).toBe(1_000); // bars of 0.5 s: two of them
  });

  it("the leader's notes and the model's bars, on the beat with each other, and the count-in only with the metronome", () => {
    const v = view({ played: [{ pitch: 72, velocity: 127, at: 10_010, ms: 400 }], bars: [bassBar(0, 9_000)] });
    const heard = jamSounds(v, fourFour, tracks, 0, 20_000, listener);
    expect(heard.map((s) => (s.kind === "note" ? [s.at, s.pitch, s.instrument] : s.kind))).toEqual([
      [12_010, 72, "lead"],
      [12_500, 40, "bass"],
    ]);
    expect(jamSounds(v, fourFour, tracks, 0, 12_000, { ...listener, metronome: true }).map((s) => s.at)).toEqual([10_000, 10_500, 11_000, 11_500]);
  });

  it("not a bar the server had too late for the leader, though it reached the listener in time", () => {
    const v = view({ bars: [bassBar(1, 11_950)] });
    expect(jamSounds(v, fourFour, tracks, 0, 20_000, listener)).toEqual([]);
  });
});

describe("scheduling", () => {
  it("schedules from where it left off to a lookahead past now, leaving out what fell due while it slept", () => {
    expect(nextWindow(null, 1_000, 150)).toEqual({ from: 1_000, to: 1_150 });
    expect(nextWindow(1_150, 1_025, 150)).toEqual({ from: 1_150, to: 1_175 });
    expect(nextWindow(1_175, 1_020, 150)).toBeNull();
    expect(nextWindow(1_175, 5_000, 150)).toEqual({ from: 5_000, to: 5_150 });
  });

  it("maps server time onto the AudioContext's seconds", () => {
    expect(audioTime(12_500, { server: 12_000, audio: 3.25 })).toBe(3.75);
  });
});

describe("a note the leader holds over a bar", () => {
  it("starts for a listener a bar behind, held, and ends when its release comes or the take ends", () => {
    const delay = listenDelayMs(clock); // 2 s: a bar
    const pressed = { pitch: 55, velocity: 127, at: 10_500, ms: 600, held: true as const };
    const heard = jamSounds(view({ played: [pressed] }), fourFour, tracks, 0, 20_000, listener);
    expect(heard).toEqual([{ kind: "note", at: 10_500 + delay, ms: 600, pitch: 55, velocity: 1, instrument: "lead", track: "melody", held: true }]);
    const sound = { at: 10_500 + delay, pitch: 55, track: "melody" };
    expect(heldNoteEnd(view({ played: [pressed] }), listener, sound, 13_000)).toBeNull(); // still down
    const released = view({ played: [{ ...pressed, ms: 3_100, held: undefined }] });
    expect(heldNoteEnd(released, listener, sound, 13_000)).toBe(10_500 + 3_100 + delay);
    expect(heldNoteEnd(view({ played: [pressed], endedAt: 14_000 }), listener, sound, 13_000)).toBe(14_000 + delay);
    expect(heldNoteEnd(view({ played: [] }), listener, sound, 13_000)).toBe(13_000); // gone from the view: now
  });
});

describe("someone playing along", () => {
  it("is heard by the other listeners with the jam, not by the leader, and not from the jam by themselves", () => {
    const delay = listenDelayMs(clock);
    const chord = { pitch: 48, velocity: 127, at: 12_000, ms: 1_000 };
    const v = view({ alongs: [{ userId: "bo", name: "Bo", track: "bass", played: [chord] }] });
    const notes = (ear: JamEar) => jamSounds(v, fourFour, tracks, 0, 30_000, ear).filter((s) => s.kind === "note");
    expect(notes(listener)).toEqual([{ kind: "note", at: 12_000 + delay, ms: 1_000, pitch: 48, velocity: 0.5, instrument: "bass", track: "bass" }]);
    expect(notes({ ...listener, userId: "bo" })).toEqual([]);
    expect(notes(leader)).toEqual([]);
    const held = view({ alongs: [{ userId: "bo", name: "Bo", track: "bass", played: [{ ...chord, held: true }] }] });
    expect(heldNoteEnd(held, listener, { at: 12_000 + delay, pitch: 48, track: "bass" }, 13_000)).toBeNull();
    expect(heldNoteEnd(v, listener, { at: 12_000 + delay, pitch: 48, track: "bass" }, 13_000)).toBe(13_000 + delay);
  });
});
