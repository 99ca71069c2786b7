import { describe, expect, it } from "vitest";
import { buildStyleProfiles } from "../../models/prepare/style-profile";
import type { Piece } from "../../models/prepare/piece";
import { drumClass, DRUM_TRACK, type TokNote } from "../../models/tokenizer";
import { FAKE_MANIFEST, createFakeRunner } from "./fake-runner";
import { generate } from "./generate";
import { styleBias, styleProfilesSchema } from "./style-expert";
import { withStyleDensity } from "./steer";
import { testRequest } from "./test-piece";

const hit = (pitch: number, start: number): TokNote => ({ track: DRUM_TRACK, pitch, start, duration: 3 });
const take = (style: "rock" | "jazz", id: number): Piece => ({
  source: "groove", id: `t${id}`, split: "train", tracks: [DRUM_TRACK], pitched: false, style,
  segments: [{ beatsPerBar: 4, bars: 4, notes: [0, 48, 96, 144].flatMap((b) =>
    style === "rock" ? [hit(36, b), hit(38, b + 12), hit(36, b + 24), hit(38, b + 36)] : [0, 8, 12, 20, 24, 32, 36, 44].map((t) => hit(51, b + t))) }],
});
const profiles = buildStyleProfiles([...[1, 2].map((i) => take("rock", i)), ...[3, 4].map((i) => take("jazz", i))], "test", 2);

describe("drum style expert", () => {
  it("counts each style's takes into a profile the manifest accepts", () => {
    expect(styleProfilesSchema.parse(profiles).styles.rock).toMatchObject({ takes: 2, halfBars: 16 });
    expect(profiles.styles.jazz.onsets[8]).toBe(16); // the swung eighth, in every half-bar
  });

  it("pulls towards what sets a style apart and away from what it never plays", () => {
    const jazz = styleBias(profiles, "jazz", 48)!;
    expect(jazz.pos(8)).toBeGreaterThan(0);
    expect(jazz.part(12, 51)).toBeGreaterThan(0);
    expect(jazz.part(12, 38)).toBeLessThan(0);
    expect(styleBias(profiles, "jazz", 36)).toBeUndefined(); // 3/4: no profile of that meter
    expect(styleBias(profiles, "funk", 48)).toBeUndefined();
  });

  it("moves what a model writes on the drum track towards the style asked", async () => {
    const deps = { runner: createFakeRunner(), manifest: { ...FAKE_MANIFEST, styles: profiles }, log: { info: () => {}, warn: () => {} } };
    const region = { startBar: 6, endBar: 10, pitchLo: 0, pitchHi: 127, trackIds: ["drums"] };
    /** The share of notes on the ride, and of onsets at the phases a style plays (per half bar of 24 grid ticks). */
    const shares = async (style?: "jazz" | "rock") => {
      const res = await generate(deps, testRequest({ candidates: 3, seed: 2, region, controls: style ? { style } : undefined }));
      const notes = res.candidates.flat();
      const phase = (n: { start: number }) => (n.start / 40) % 24;
      const share = (ok: (n: (typeof notes)[number]) => boolean) => notes.filter(ok).length / Math.max(1, notes.length);
      return { ride: share((n) => drumClass(n.pitch) === 5), swing: share((n) => [8, 20].includes(phase(n))), backbeat: share((n) => [0, 12].includes(phase(n))) };
    };
    const [auto, jazz, rock] = [await shares(), await shares("jazz"), await shares("rock")];
    expect(jazz.ride).toBeGreaterThan(auto.ride);
    expect(jazz.swing).toBeGreaterThan(auto.swing + 0.3);
    expect(rock.backbeat).toBeGreaterThan(auto.backbeat + 0.3);
  });

  it("gives a drum part asked a style the style's own notes a bar, unless a density is asked", async () => {
    // rock's takes play 4 a bar (3-4), jazz's 8 (8-11); the silent track's floor alone gave both 8-11
    expect(withStyleDensity({ style: "rock" }, true, profiles)).toEqual({ style: "rock", density: 3 });
    expect(withStyleDensity({ style: "jazz" }, true, profiles)).toEqual({ style: "jazz", density: 5 });
    expect(withStyleDensity({ style: "jazz", density: 2 }, true, profiles)).toEqual({ style: "jazz", density: 2 });
    expect(withStyleDensity({ style: "jazz" }, false, profiles)).toEqual({ style: "jazz" }); // drums with other tracks
    expect(withStyleDensity({ style: "funk" }, true, profiles)).toEqual({ style: "funk" }); // no profile

    const deps = { runner: createFakeRunner(), manifest: { ...FAKE_MANIFEST, styles: profiles }, log: { info: () => {}, warn: () => {} } };
    const region = { startBar: 6, endBar: 10, pitchLo: 0, pitchHi: 127, trackIds: ["drums"] };
    const notes = testRequest().notes.filter((n) => n.track !== "drums"); // a song with no drummer yet
    for (const [style, lo, hi] of [["rock", 3, 4], ["jazz", 8, 11]] as const) {
      const res = await generate(deps, testRequest({ notes, candidates: 2, seed: 5, region, controls: { style } }));
      for (const c of res.candidates)
        for (let bar = 6; bar < 10; bar++) {
          const n = c.filter((x) => Math.floor(x.start / 1920) === bar).length;
          expect({ style, bar, n, ok: n >= lo && n <= hi }).toMatchObject({ ok: true });
        }
    }
  });
});
