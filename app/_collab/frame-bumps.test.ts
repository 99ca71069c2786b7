import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { docMaps, initPieceDoc } from "@/lib/doc-schema";
import { testFrames as frames } from "./test-frames";
import { frameBumps, onlyGhosts } from "./frame-bumps";

describe("frameBumps", () => {
  it("shows any number of ghost changes once, in the next frame", () => {
    const f = frames();
    let bumps = 0;
    const b = frameBumps(() => bumps++, f.request, f.cancel);
    for (let i = 0; i < 20; i++) b.nextFrame();
    expect(bumps).toBe(0);
    f.run();
    expect(bumps).toBe(1);
    f.run();
    expect(bumps).toBe(1);
  });

  it("shows another change at once, and the ghost changes waiting with it", () => {
    const f = frames();
    let bumps = 0;
    const b = frameBumps(() => bumps++, f.request, f.cancel);
    b.nextFrame();
    b.now();
    expect(bumps).toBe(1);
    f.run(); // the waiting ghosts were shown with the edit
    expect(bumps).toBe(1);
    b.nextFrame();
    b.dispose();
    f.run();
    expect(bumps).toBe(1);
  });
});

describe("onlyGhosts", () => {
  it("tells a transaction on the ghost maps alone from one that touches anything else", () => {
    const doc = new Y.Doc();
    initPieceDoc(doc);
    const maps = docMaps(doc);
    const seen: boolean[] = [];
    doc.on("afterTransaction", (tr: Y.Transaction) => seen.push(onlyGhosts(doc, tr)));
    doc.transact(() => maps.candidateParts.set("g/0/0", []));
    doc.transact(() => maps.generations.set("g", {} as never));
    doc.transact(() => {
      maps.candidateParts.set("g/0/1", []);
      maps.notes.set("n1", { track: "melody", pitch: 60, start: 0, duration: 240, velocity: 90 });
    });
    expect(seen).toEqual([true, true, false]);
  });
});
