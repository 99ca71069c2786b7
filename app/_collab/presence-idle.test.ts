import { describe, expect, it } from "vitest";
import { readPeers } from "./presence";
import { hideIdleRegions, IDLE_REGION_MS, nextRegionIdle } from "./presence-idle";

const user = (id: string) => ({ id, name: id, colour: "#000" });
const states = new Map<number, unknown>([
  [1, { user: user("me"), selection: { region: { startBar: 0, endBar: 2 } } }],
  [2, { user: user("ann"), selection: { region: { startBar: 4, endBar: 6 } }, cursor: { tick: 0, pitch: 60 } }],
  [3, { user: user("bo"), selection: { region: { startBar: 1, endBar: 3 } } }],
  [4, { user: user("cy"), selection: { noteIds: ["n"] } }],
]);
const peers = readPeers(states, 1);
const lastActive = new Map([
  [1, 0],
  [2, 0],
  [3, 60_000],
  [4, 0],
]);
const regionOf = (name: string, at: number) => {
  const p = hideIdleRegions(peers, lastActive, at).find((x) => x.user.name === name)!;
  return p.selection && "region" in p.selection ? p.selection.region : null;
};

describe("regions of idle people", () => {
  it("stop being drawn once their person's presence has not changed for IDLE_REGION_MS; the cursor and notes stay", () => {
    expect(regionOf("ann", IDLE_REGION_MS - 1)).toEqual({ startBar: 4, endBar: 6 });
    expect(regionOf("ann", IDLE_REGION_MS)).toBeNull();
    expect(regionOf("bo", IDLE_REGION_MS)).toEqual({ startBar: 1, endBar: 3 }); // active a minute later
    expect(regionOf("me", 10 * IDLE_REGION_MS)).toEqual({ startBar: 0, endBar: 2 }); // never hidden from yourself
    const later = hideIdleRegions(peers, lastActive, 10 * IDLE_REGION_MS);
    expect(later.find((p) => p.user.name === "ann")!.cursor).toEqual({ tick: 0, pitch: 60 });
    expect(later.find((p) => p.user.name === "cy")!.selection).toEqual({ noteIds: ["n"] });
  });

  it("says when to look again: at the next region to go idle, or never", () => {
    expect(nextRegionIdle(peers, lastActive, 1000)).toBe(IDLE_REGION_MS - 1000);
    expect(nextRegionIdle(peers, lastActive, IDLE_REGION_MS)).toBe(60_000);
    expect(nextRegionIdle(peers, lastActive, IDLE_REGION_MS + 60_000)).toBeNull();
  });
});
