import { describe, expect, it } from "vitest";
import { TICKS_PER_BEAT } from "../../lib/time";
import { BAR, bucketOf, controlBuckets, EOS, measureTrack, TOKENIZER_VOCAB, type TokNote } from "../../models/tokenizer";
import { FAKE_MANIFEST, createFakeRunner } from "./fake-runner";
import { generate, type GenerateDeps } from "./generate";
import type { ModelManifest } from "./manifest";
import type { ModelRunner } from "./ort-session";
import { activityRange, densityRange, polyphonyCap, registerBias, registerRange } from "./steer";
import { MOODS, type GenerationControls } from "../../lib/controls";
import { constraintViolations, testRequest } from "./test-piece";

const silent = { info: () => {}, warn: () => {} };
/** A model that never heard of controls: the v1 vocabulary, and logits that ignore what is asked. */
const deaf: ModelManifest = { ...FAKE_MANIFEST, tokenizer: "tandem-fim-1", vocabSize: TOKENIZER_VOCAB["tandem-fim-1"] };
const deps = (): GenerateDeps => ({ runner: createFakeRunner({ vocabSize: deaf.vocabSize }), manifest: deaf, log: silent });
const melody = { startBar: 6, endBar: 10, pitchLo: 0, pitchHi: 127, trackIds: ["melody"] };
const onGrid = (notes: { pitch: number; start: number; velocity: number }[]): TokNote[] =>
  notes.map((n) => ({ track: 0, pitch: n.pitch, start: n.start / (TICKS_PER_BEAT / 12), duration: 1, velocity: n.velocity }));

describe("decode-time steering", () => {
  it("holds the register's mean, not every note: later notes may leave the band as far as the notes before allow", () => {
    const r = registerRange(2); // mean G3-D4: 55..61
    expect([54, 55, 61, 63].map((p) => registerBias(p, r))).toEqual([-1, 0, 0, -2]); // the first note: the band itself
    const sofar = { sum: 4 * 58, count: 4 }; // four notes around A#3
    expect(registerBias(70, r, sofar)).toBe(0); // a ninth above them still leaves the mean in the bucket
    expect(registerBias(77, r, sofar)).toBe(0);
    expect(registerBias(78, r, sofar)).toBe(-1);
    expect(registerBias(43, r, sofar)).toBe(0);
    expect(registerBias(41, r, sofar)).toBe(-2);
    // any pitch it leaves alone keeps the mean in the bucket asked
    for (let sum = 55 * 6; sum <= 61 * 6; sum += 5)
      for (let p = 0; p < 128; p++)
        if (registerBias(p, r, { sum, count: 6 }) === 0) expect(bucketOf("register", (sum + p) / 7)).toBe(2);
  });

  it("gives each density and register bucket a range of values that measure as that bucket", () => {
    for (let b = 0; b < controlBuckets("density"); b++) {
      const { lo, hi } = densityRange(b);
      expect([bucketOf("density", lo), bucketOf("density", Number.isFinite(hi) ? hi : 99)]).toEqual([b, b]);
      if (Number.isFinite(hi)) expect(bucketOf("density", hi + 1)).toBe(b + 1);
    }
    for (let b = 0; b < controlBuckets("register"); b++) {
      const { lo, hi } = registerRange(b);
      expect([bucketOf("register", lo), bucketOf("register", hi)]).toEqual([b, b]);
    }
  });

  it("lands every candidate in the density bucket asked, even from a model that ignores control tokens", async () => {
    for (let density = 0; density < controlBuckets("density"); density++) {
      const req = testRequest({ candidates: 3, seed: 11 + density, region: melody, controls: { density } });
      const res = await generate(deps(), req);
      expect(constraintViolations(req, res)).toEqual([]);
      const got = res.candidates.map((c) => measureTrack(onGrid(c), 0, 4, 4).density);
      expect({ density, got }).toEqual({ density, got: [density, density, density] });
    }
  });

  it("pulls pitches into the register asked: the mean lands in its bucket or next to it", async () => {
    const hits: number[] = [];
    for (let register = 1; register <= 4; register++) {
      const res = await generate(deps(), testRequest({ candidates: 3, seed: 5, region: melody, controls: { register, density: 4 } }));
      for (const c of res.candidates) hits.push(Math.abs((measureTrack(onGrid(c), 0, 4, 4).register ?? -9) - register));
    }
    expect(hits.every((d) => d <= 1)).toBe(true);
    expect(hits.filter((d) => d === 0).length / hits.length).toBeGreaterThanOrEqual(0.75);
  });

  it("keeps the notes of a dense request inside each bar's ceiling, with the request's own limit winning when lower", async () => {
    const req = testRequest({ candidates: 2, seed: 3, region: melody, controls: { density: 6 }, maxNotesPerBar: 9 });
    const res = await generate(deps(), req);
    expect(constraintViolations(req, res)).toEqual([]);
    for (const c of res.candidates) expect(c.length).toBe(4 * 9);
  });

  it("writes notes where a model would close every bar at once: a track silent everywhere else gets a density, one that plays elsewhere a note", async () => {
    const inner = createFakeRunner({ vocabSize: deaf.vocabSize });
    const shy: ModelRunner = {
      ...inner,
      async step(ids, batch, past, pastRows) {
        const out = await inner.step(ids, batch, past, pastRows);
        const V = deaf.vocabSize;
        for (let r = 0; r < out.logits.length / V; r++) (out.logits[r * V + BAR] += 30), (out.logits[r * V + EOS] += 30);
        return out;
      },
    };
    const base = testRequest({ candidates: 2, seed: 4, region: melody });
    // the melody plays around the region: it may not come back silent, but one note is all it owes (in the last bar)
    const withMelody = await generate({ runner: shy, manifest: deaf, log: silent }, base);
    expect(constraintViolations(base, withMelody)).toEqual([]);
    const lastBar = (n: { start: number }) => Math.floor(n.start / 1920) === melody.endBar - 1;
    for (const c of withMelody.candidates) expect(c.length === 1 && lastBar(c[0]), JSON.stringify(c)).toBe(true);
    // asked for silence (density 0), or measuring the model alone (steer: false), it stays silent
    for (const over of [{ controls: { density: 0 } }, { steer: false }]) {
      const quiet = await generate({ runner: shy, manifest: deaf, log: silent }, { ...base, ...over });
      expect(quiet.candidates.flat()).toEqual([]);
    }
    const req = { ...base, notes: base.notes.filter((n) => n.track !== "melody") };
    const res = await generate({ runner: shy, manifest: deaf, log: silent }, req);
    expect(constraintViolations(req, res)).toEqual([]);
    for (const c of res.candidates) expect(measureTrack(onGrid(c), 0, 4, 4).density).toBe(3); // 3-4 a bar
  });

  it("writes the polyphony asked: chords on a track whose context plays one note at a time, a single line held to one", async () => {
    const stacked = (notes: { start: number }[]) => notes.length - new Set(notes.map((n) => n.start)).size; // notes sharing an onset
    const write = async (controls?: { polyphony: number }) => {
      const req = testRequest({ candidates: 3, seed: 9, region: melody, controls: { density: 6, ...controls } });
      const res = await generate(deps(), req);
      expect(constraintViolations(req, res)).toEqual([]);
      return res.candidates.map(stacked);
    };
    expect(await write()).toEqual([0, 0, 0]); // the melody's context is a single line: so is what it writes
    expect((await write({ polyphony: 3 })).every((n) => n > 0)).toBe(true);
    expect(await write({ polyphony: 0 })).toEqual([0, 0, 0]);
    // and what it writes has the notes per onset asked (a model that never heard of controls: the hold alone)
    for (const polyphony of [0, 1, 2, 3]) {
      const req = testRequest({ candidates: 2, seed: 12, region: melody, controls: { polyphony } });
      const res = await generate(deps(), req);
      expect(constraintViolations(req, res)).toEqual([]);
      for (const c of res.candidates) expect(measureTrack(onGrid(c), 0, 4, 4).polyphony, `asked ${polyphony}`).toBe(polyphony);
    }
    expect([0, 1, 2, 3].map((b) => polyphonyCap(b, 2, true))).toEqual([1, 3, 4, 6]);
    expect([0, 3].map((b) => polyphonyCap(b, 2, false))).toEqual([2, 6]); // the tokens alone: only lifted
    expect(polyphonyCap(undefined, 2, true)).toBe(2);
  });

  it("holds rhythmic activity: the sixteenths of each bar that start a note land in the bucket asked", async () => {
    expect([0, 1, 2, 3].map((b) => activityRange(b, 16))).toEqual([{ lo: 0, hi: 1 }, { lo: 2, hi: 3 }, { lo: 4, hi: 7 }, { lo: 8, hi: 16 }]);
    for (const sixteenths of [16, 64, 16 * 3 * 2])
      for (let b = 0; b < 4; b++) {
        const { lo, hi } = activityRange(b, sixteenths);
        expect([bucketOf("activity", lo / sixteenths), bucketOf("activity", hi / sixteenths)]).toEqual([b, b]);
      }
    for (const activity of [0, 1, 2, 3]) {
      const req = testRequest({ candidates: 2, seed: 21, region: melody, controls: { activity } });
      const res = await generate(deps(), req);
      expect(constraintViolations(req, res)).toEqual([]);
      for (const c of res.candidates) expect(measureTrack(onGrid(c), 0, 4, 4).activity, `asked ${activity}`).toBe(activity);
    }
    // over the region, not bar by bar: a 2/4 bar has 8 sixteenths, and "sparse" allows one onset in two bars, not none
    const twoFour = { bpm: 90, beatsPerBar: 2, beatUnit: 4 };
    const short = { ...melody, startBar: 12, endBar: 14 };
    for (const activity of [0, 1, 2, 3]) {
      const req = testRequest({ candidates: 2, seed: 22, meta: twoFour, region: short, controls: { activity } });
      const res = await generate(deps(), req);
      for (const c of res.candidates) {
        expect(c.length, `asked ${activity} in 2/4`).toBeGreaterThan(0);
        for (const n of c) expect(n.start >= 12 * 960 && n.start + n.duration <= 14 * 960, JSON.stringify(n)).toBe(true); // in bars 13-14 of 2/4
        const grid = c.map((n) => ({ ...onGrid([n])[0], start: (n.start - 12 * 960) / (TICKS_PER_BEAT / 12) }));
        expect(measureTrack(grid, 0, 2, 2).activity, `asked ${activity} in 2/4`).toBe(activity);
      }
    }
  });

  it("writes every mood, its density as asked and its activity and polyphony within one, without running out of choices", async () => {
    for (const [mood, controls] of Object.entries(MOODS)) {
      const { mode: _mode, ...track } = controls as Record<string, unknown>;
      for (const seed of [1, 2, 3]) {
        const req = testRequest({ candidates: 2, seed, region: melody, controls: track as GenerationControls });
        const res = await generate(deps(), req);
        expect(constraintViolations(req, res), mood).toEqual([]);
        for (const c of res.candidates) {
          const got = measureTrack(onGrid(c), 0, 4, 4);
          if (track.density !== undefined) expect(got.density, `${mood} seed ${seed}: density`).toBe(track.density);
          // Held together, one may give way to another (a chord cut short by a bar's density, an onset by the notes
          // still sounding): each lands within one bucket.
          for (const name of ["activity", "polyphony"] as const)
            if (track[name] !== undefined) expect(Math.abs(got[name]! - (track[name] as number)), `${mood} seed ${seed}: ${name}`).toBeLessThanOrEqual(1);
        }
      }
    }
  });
});
