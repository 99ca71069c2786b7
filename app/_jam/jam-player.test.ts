import { afterEach, describe, expect, it, vi } from "vitest";
import { startJamPlayer, type JamVoices } from "./jam-player";
import type { JamSound } from "./jam-schedule";

afterEach(() => vi.useRealTimers());

describe("the jam's player", () => {
  it("hands each sound to the voices once, at its AudioContext time, a lookahead at a time, and nothing after stop", () => {
    vi.useFakeTimers();
    const start = Date.now();
    const heard: [string, number][] = [];
    const voices: JamVoices = {
      now: () => (Date.now() - start) / 1000 + 5, // the AudioContext runs 5 s ahead of the jam's time 0
      trigger: (e, time) => heard.push([`note ${e.pitch} ${e.duration}s`, time]),
      hold: () => {},
      release: () => {},
      click: (c, time) => heard.push([c.accent ? "accent" : "click", time]),
    };
    const all: JamSound[] = [
      { kind: "click", at: 100, accent: true },
      { kind: "note", at: 250, ms: 500, pitch: 60, velocity: 0.8, instrument: "piano", track: "melody" },
      { kind: "click", at: 600, accent: false },
    ];
    const asked: [number, number][] = [];
    const stop = startJamPlayer({
      voices,
      serverNow: () => Date.now() - start + 1_000_000, // the server's clock: 1000 s on
      sounds: (from, to) => {
        asked.push([from - 1_000_000, to - 1_000_000]);
        return all.filter((s) => s.at + 1_000_000 >= from && s.at + 1_000_000 < to).map((s) => ({ ...s, at: s.at + 1_000_000 }));
      },
      heldEnd: () => null,
    });
    vi.advanceTimersByTime(300);
    expect(heard).toEqual([
      ["accent", 5.1],
      ["note 60 0.5s", 5.25],
    ]);
    expect(asked[0]).toEqual([0, 150]);
    expect(asked.every(([from], i) => i === 0 || from === asked[i - 1][1])).toBe(true); // spans follow one another
    stop();
    vi.advanceTimersByTime(1_000);
    expect(heard).toHaveLength(2);
  });

  it("starts a held note on time and releases it when its end is known, or on stop", () => {
    vi.useFakeTimers();
    const start = Date.now();
    const heard: string[] = [];
    const voices: JamVoices = {
      now: () => (Date.now() - start) / 1000,
      trigger: () => heard.push("trigger"),
      hold: (e, time) => heard.push(`hold ${e.pitch} at ${time}`),
      release: (e, time) => heard.push(`release ${e.pitch} at ${time}`),
      click: () => {},
    };
    const held = (pitch: number, at: number): JamSound => ({ kind: "note", at, ms: 800, pitch, velocity: 0.7, instrument: "piano", track: "melody", held: true });
    const sounds = [held(48, 100), held(52, 100)];
    let endOf48: number | null = null;
    const stop = startJamPlayer({
      voices,
      serverNow: () => Date.now() - start,
      sounds: (from, to) => sounds.filter((s) => s.at >= from && s.at < to),
      heldEnd: (s) => (s.pitch === 48 ? endOf48 : null),
    });
    vi.advanceTimersByTime(1_000);
    expect(heard).toEqual(["hold 48 at 0.1", "hold 52 at 0.1"]); // both sound; neither has ended
    endOf48 = 2_500; // the leader let go: the note's whole length came
    vi.advanceTimersByTime(100);
    expect(heard.slice(2)).toEqual(["release 48 at 2.5"]);
    vi.advanceTimersByTime(1_000);
    stop();
    expect(heard.slice(3)).toEqual(["release 52 at 2.1"]); // still held when the jam stopped here: ends now
  });
});
