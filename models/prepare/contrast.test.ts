import { describe, expect, it } from "vitest";
import { barLength, GRID_PER_BEAT, inRegion, measureRegion, type FimRegion, type TokNote } from "../tokenizer";
import { contrastControls } from "./contrast";
import { trainingControls } from "./controls";
import { createRng, type Rng } from "./prng";

const BEATS = 4;
const BAR = barLength(BEATS);
/** Eight bars: a melody (track 0) of eighth notes and a piano (track 2) of four-note chords on each beat. */
const window: TokNote[] = [];
for (let bar = 0; bar < 8; bar++)
  for (let i = 0; i < 8; i++) {
    const start = bar * BAR + (i * GRID_PER_BEAT) / 2;
    window.push({ track: 0, pitch: 64 + (i % 5), start, duration: GRID_PER_BEAT / 2, velocity: 80 });
    if (i % 2 === 0) for (const p of [48, 52, 55, 60]) window.push({ track: 2, pitch: p, start, duration: GRID_PER_BEAT, velocity: 70 });
  }
const region: FimRegion = { startBar: 3, endBar: 5, pitchLo: 0, pitchHi: 127, tracks: [0, 2] };
const inBars = (n: TokNote) => n.start >= region.startBar * BAR && n.start < region.endBar * BAR;
const count = (notes: TokNote[], track: number, where: (n: TokNote) => boolean) => notes.filter((n) => n.track === track && where(n)).length;

function contrasts(seeds: number) {
  return Array.from({ length: seeds }, (_, i) => contrastControls(createRng(`contrast-test/${i}`), window, region, BEATS)!);
}

describe("control contrast", () => {
  it("thins one track's region or its context, by whole onsets, never to silence, and leaves the rest alone", () => {
    const sides = new Set<string>();
    for (const c of contrasts(60).filter((c) => c.control === "density")) {
      const t = c.track;
      const regionKept = count(c.notes, t, inBars) / count(window, t, inBars);
      const contextKept = count(c.notes, t, (n) => !inBars(n)) / count(window, t, (n) => !inBars(n));
      expect(regionKept === 1 || contextKept === 1).toBe(true);
      expect(Math.min(regionKept, contextKept)).toBeLessThan(1);
      expect(Math.min(regionKept, contextKept)).toBeGreaterThan(0);
      sides.add(regionKept < 1 ? "region" : "context");
      const other = t === 0 ? 2 : 0;
      expect(c.notes.filter((n) => n.track === other)).toEqual(window.filter((n) => n.track === other));
      if (t === 2) for (const start of new Set(c.notes.filter((n) => n.track === 2).map((n) => n.start))) expect(c.notes.filter((n) => n.track === 2 && n.start === start)).toHaveLength(4);
    }
    expect(sides).toEqual(new Set(["region", "context"]));
  });

  it("moves a pitched track's region notes an octave, so the register it achieves differs from its context's", () => {
    const moved = contrasts(60).filter((c) => c.control === "register");
    expect(moved.length).toBeGreaterThan(5);
    for (const c of moved) {
      const before = window.filter((n) => n.track === c.track && inBars(n));
      const after = c.notes.filter((n) => n.track === c.track && inBars(n));
      expect(after.map((n, i) => Math.abs(n.pitch - before[i].pitch))).toEqual(before.map(() => 12));
      expect(after.every((n) => inRegion(n, region, BAR))).toBe(true);
      expect(measureRegion(after, region, BEATS)[c.track]!.register).not.toBe(measureRegion(before, region, BEATS)[c.track]!.register);
    }
    // a cut pitch range keeps the region's notes where they are: density only
    const cut = { ...region, pitchLo: 60 };
    for (let i = 0; i < 30; i++) expect(contrastControls(createRng(`cut/${i}`), window, cut, BEATS)!.control).toBe("density");
  });

  it("has nothing to contrast where the region's tracks play nothing in it", () => {
    const silent = window.filter((n) => !inBars(n));
    expect(contrastControls(createRng("silent"), silent, region, BEATS)).toBeUndefined();
  });

  it("always sends the contrasted control, with the same draws as without it", () => {
    const allAuto: Rng = { next: () => 0, int: (lo) => lo, pick: (xs) => xs[0] };
    expect(trainingControls(allAuto, window, region, BEATS, "pop")).toEqual({});
    const forced = trainingControls(allAuto, window, region, BEATS, "pop", { track: 2, control: "density" });
    expect(forced.tracks).toEqual({ 0: {}, 2: { density: measureRegion(window.filter((n) => inBars(n)), region, BEATS)[2]!.density } });
    // elsewhere the draws are those of the same window without it: only the forced control is added
    for (let i = 0; i < 20; i++) {
      const seed = `draws/${i}`;
      const plain = trainingControls(createRng(seed), window, region, BEATS, "pop");
      if (!plain.tracks) continue;
      const withForce = trainingControls(createRng(seed), window, region, BEATS, "pop", { track: 0, control: "density" });
      expect(withForce).toEqual({ ...plain, tracks: { ...plain.tracks, 0: { ...plain.tracks[0], density: measureRegion(window.filter(inBars), region, BEATS)[0]!.density } } });
    }
  });
});
