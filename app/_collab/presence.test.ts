import { describe, expect, it } from "vitest";
import { readPeers } from "./presence";

describe("readPeers", () => {
  it("keeps well-formed states, the local one first, others by name", () => {
    const states = new Map<number, unknown>([
      [1, { user: { id: "u1", name: "Zed", colour: "#fff" }, cursor: { tick: 10, pitch: 60 } }],
      [2, { user: { id: "u2", name: "Ann", colour: "#000" }, selection: { noteIds: ["a"] } }],
      [3, { user: { id: "u3", name: "Me", colour: "#0f0" }, selection: { region: { startBar: 1, endBar: 3 } } }],
      [4, { cursor: { tick: 1, pitch: 1 } }],
      [5, { user: { id: 5, name: "Bad", colour: "#f00" } }],
    ]);
    const peers = readPeers(states, 3);
    expect(peers.map((p) => [p.clientId, p.user.name, p.isLocal])).toEqual([
      [3, "Me", true],
      [2, "Ann", false],
      [1, "Zed", false],
    ]);
    expect(peers[2].cursor).toEqual({ tick: 10, pitch: 60 });
  });
});
