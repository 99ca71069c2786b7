import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { docMaps, initPieceDoc } from "@/lib/doc-schema";
import { testFrames as frames } from "./test-frames";
import { docVersion, subscribeDocVersion } from "./doc-version";

describe("subscribeDocVersion", () => {
  it("tells of an edit at once, and of streaming ghosts once a frame", () => {
    const doc = new Y.Doc();
    initPieceDoc(doc);
    const f = frames();
    let told = 0;
    subscribeDocVersion(doc, () => told++, f);
    docMaps(doc).notes.set("n1", { track: "melody", pitch: 60, start: 0, duration: 240, velocity: 90 });
    expect(told).toBe(1);
    for (let i = 0; i < 5; i++) docMaps(doc).candidateParts.set(`g/0/${i}`, []);
    expect(told).toBe(1);
    f.run();
    expect(told).toBe(2);
  });

  it("loses no ghost change when React subscribes again before the frame (it re-renders in between)", () => {
    const doc = new Y.Doc();
    initPieceDoc(doc);
    const f = frames();
    const unsubscribe = subscribeDocVersion(doc, () => undefined, f);
    const rendered = docVersion(doc);
    docMaps(doc).generations.set("g", {} as never); // say it became ready
    unsubscribe(); // React re-subscribes with a new function, and reads the version again to see what it missed
    subscribeDocVersion(doc, () => undefined, f);
    f.run();
    expect(docVersion(doc)).not.toBe(rendered);
  });
});
