import { describe, expect, it } from "vitest";
import { peopleHere, readPeers } from "./presence";

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

describe("peopleHere", () => {
  it("lists a person with two tabs open once, with both tabs counted; you stay first", () => {
    const ann = { id: "u2", name: "Ann", colour: "#000" };
    const me = { id: "u3", name: "Me", colour: "#0f0" };
    const states = new Map<number, unknown>([
      [1, { user: ann }],
      [2, { user: me }], // my other tab
      [3, { user: me }],
      [4, { user: ann, cursor: { tick: 1, pitch: 60 } }],
      [5, { user: { id: "u4", name: "Bo", colour: "#00f" } }],
    ]);
    expect(peopleHere(readPeers(states, 3)).map((p) => [p.user.name, p.isLocal, p.tabs])).toEqual([
      ["Me", true, 2],
      ["Ann", false, 2],
      ["Bo", false, 1],
    ]);
  });
});
