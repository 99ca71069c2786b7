import { describe, expect, it } from "vitest";
import { EMPTY_MIX, audibleTracks, isAudible, toggleMix } from "./track-mix";

const ids = ["melody", "chords", "bass", "drums"];

describe("track mix", () => {
  it("plays everything when nothing is muted or soloed", () => {
    expect([...audibleTracks(ids, EMPTY_MIX)]).toEqual(ids);
  });

  it("mutes and solos like a DAW: solo wins over the others, mute wins over solo", () => {
    let mix = toggleMix(EMPTY_MIX, "muted", "drums");
    expect([...audibleTracks(ids, mix)]).toEqual(["melody", "chords", "bass"]);
    mix = toggleMix(mix, "soloed", "bass");
    mix = toggleMix(mix, "soloed", "drums");
    expect([...audibleTracks(ids, mix)]).toEqual(["bass"]);
    expect(isAudible("drums", mix)).toBe(false);
    mix = toggleMix(mix, "muted", "drums");
    expect([...audibleTracks(ids, mix)]).toEqual(["bass", "drums"]);
    expect(EMPTY_MIX.muted.size).toBe(0); // toggling never mutates the previous mix
  });
});
