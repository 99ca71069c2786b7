import { describe, expect, it } from "vitest";
import { bucketOf } from "../../models/tokenizer";
import { ENERGY_VELOCITY, energyVelocity, regionControls } from "./controls";

describe("request controls to control tokens", () => {
  it("are auto (none) when nothing is asked", () => {
    expect(regionControls(undefined, [0])).toBeUndefined();
    expect(regionControls({}, [0, 2])).toBeUndefined();
  });

  it("apply the track controls to every region track, without register on drums", () => {
    expect(regionControls({ density: 3, register: 4, style: "funk" }, [0, 3])).toEqual({
      tracks: { 0: { density: 3, register: 4 }, 3: { density: 3 } },
      style: "funk",
      key: undefined,
    });
  });

  it("writes each energy bucket's notes at a velocity inside that bucket", () => {
    ENERGY_VELOCITY.forEach((v, b) => expect(bucketOf("energy", v)).toBe(b));
    expect(energyVelocity({ energy: 3 })).toBe(96);
    expect(energyVelocity({})).toBeUndefined();
  });
});
