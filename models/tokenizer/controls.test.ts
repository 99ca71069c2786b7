import { describe as group, expect, it } from "vitest";
import { bucketOf, windowKey, keyName, measureTrack, styleOfLabel, type RegionControls } from "./controls";
import { decodeFim } from "./decode";
import { encodeFim, encodePrompt, type FimInput, type TokNote } from "./encode";
import { describe, MID, REGION, tok } from "./vocab";

const note = (track: number, pitch: number, start: number, duration = 6, velocity = 80): TokNote => ({ track, pitch, start, duration, velocity });
const base: FimInput = {
  notes: [note(0, 72, 0), note(0, 74, 12), note(2, 48, 0, 48), note(0, 76, 48), note(2, 43, 48, 48)],
  beatsPerBar: 4,
  windowBars: 4,
  region: { startBar: 1, endBar: 3, pitchLo: 0, pitchHi: 127, tracks: [0, 2] },
};

group("control tokens", () => {
  it("round-trip through a whole sequence, per track and for the region", () => {
    const controls: RegionControls = {
      tracks: { 0: { density: 3, register: 4, activity: 1 }, 2: { polyphony: 2, energy: 3 } },
      style: "funk",
      key: { tonic: 9, mode: "minor" },
    };
    const { tokens } = encodeFim({ ...base, controls });
    const back = decodeFim(tokens, 48);
    expect(back.controls).toEqual(controls);
    expect(back.region).toEqual(base.region);
  });

  it("sit between REGION and MID, each after its track's RTRACK, in a fixed order", () => {
    const prompt = encodePrompt({ ...base, controls: { tracks: { 2: { energy: 1, density: 5 } }, style: "pop" } });
    const header = prompt.slice(prompt.indexOf(REGION) + 1, prompt.indexOf(MID)).map((id) => describe(id).kind);
    expect(header).toEqual(["rstart", "rend", "plo", "phi", "rtrack", "rtrack", "density", "energy", "style"]);
  });

  it("are absent when auto: the prompt is a tandem-fim-1 prompt", () => {
    const plain = encodePrompt(base);
    expect(encodePrompt({ ...base, controls: {} })).toEqual(plain);
    expect(plain.every((id) => id < tok.control("density", 0))).toBe(true);
  });
});

group("measuring what notes achieve", () => {
  it("buckets values at the edges", () => {
    expect(bucketOf("density", 0)).toBe(0);
    expect(bucketOf("density", 0.5)).toBe(1);
    expect(bucketOf("density", 40)).toBe(7);
    expect(bucketOf("energy", 84.9)).toBe(2);
  });

  it("measures density, polyphony, energy, register and activity of one track", () => {
    // two bars of 4/4: a C major triad on each beat of bar 0, at velocity 100
    const chords = [0, 12, 24, 36].flatMap((s) => [60, 64, 67].map((p) => note(2, p, s, 12, 100)));
    expect(measureTrack(chords, 2, 2, 4)).toEqual({ density: 4, activity: 1, polyphony: 3, energy: 3, register: 3 });
    expect(measureTrack(chords, 0, 2, 4)).toEqual({ density: 0, activity: 0 });
  });

  it("leaves register out for drums", () => {
    expect(measureTrack([note(3, 36, 0), note(3, 42, 3)], 3, 1, 4).register).toBeUndefined();
  });

  it("estimates the key of a scale and its relative minor's cadence", () => {
    const major = [0, 2, 4, 5, 7, 9, 11, 12, 7, 4, 0].map((d, i) => note(0, 62 + d, i * 12, 12));
    expect(keyName(windowKey(major)!)).toBe("D major");
    const minor = [57, 60, 64, 57, 62, 65, 56, 59, 64, 57, 60, 64, 57].map((p, i) => note(0, p, i * 12, 12));
    expect(keyName(windowKey(minor)!)).toBe("A minor");
    expect(windowKey(major.slice(0, 3))).toBeUndefined();
  });

  it("reads groove-midi style labels", () => {
    expect(styleOfLabel("funk/groove1")).toBe("funk");
    expect(styleOfLabel("latin")).toBe("latin");
    expect(styleOfLabel("middleeastern")).toBeUndefined();
  });
});
