import { describe, expect, it } from "vitest";
import type { GenerationView, Note } from "./doc-schema";
import { createStreamedCandidates, partKey, readPartKey, withStreamed } from "./candidate-parts";

const note = (pitch: number): Note => ({ track: "melody", pitch, start: pitch, duration: 240, velocity: 90 });
const pitches = (c: Note[][] | undefined) => c?.map((x) => x.map((n) => n.pitch));

describe("candidate parts", () => {
  it("names a part by generation, candidate and send, and reads the name back", () => {
    expect(readPartKey(partKey("g-1", 2, 17))).toEqual({ generationId: "g-1", candidate: 2, seq: 17 });
    expect(readPartKey("g-1")).toBeNull();
    expect(readPartKey("g-1/x/1")).toBeNull();
  });

  it("joins each candidate's parts in the order they were sent, whatever order they arrive in", () => {
    const s = createStreamedCandidates();
    s.add(partKey("g", 0, 1), [note(62)]);
    s.add(partKey("g", 0, 0), [note(60), note(61)]);
    s.add(partKey("g", 2, 0), [note(70)]);
    expect(pitches(s.candidatesOf("g"))).toEqual([[60, 61, 62], [], [70]]);
    expect(s.candidatesOf("other")).toBeUndefined();
  });

  it("rebuilds only the candidates a part was added to, and keeps the rest as they were", () => {
    const s = createStreamedCandidates();
    s.add(partKey("g", 0, 0), [note(60)]);
    s.add(partKey("g", 1, 0), [note(70)]);
    const first = s.candidatesOf("g")!;
    expect(s.candidatesOf("g")).toBe(first); // nothing new: the same arrays
    s.add(partKey("g", 1, 1), [note(71)]);
    const second = s.candidatesOf("g")!;
    expect(second[0]).toBe(first[0]);
    expect(pitches(second)).toEqual([[60], [70, 71]]);
  });

  it("forgets a generation once its parts are removed (it finished, was discarded or started over)", () => {
    const s = createStreamedCandidates();
    s.add(partKey("g", 0, 0), [note(60)]);
    s.add(partKey("g", 0, 1), [note(61)]);
    s.candidatesOf("g");
    s.remove(partKey("g", 0, 0));
    expect(pitches(s.candidatesOf("g"))).toEqual([[61]]);
    s.remove(partKey("g", 0, 1));
    expect(s.candidatesOf("g")).toBeUndefined();
  });

  it("shows a running view with its streamed candidates, and a finished one as it is", () => {
    const view = { id: "g", status: "running", candidates: [] } as unknown as GenerationView;
    const streamed = [[note(60)]];
    expect(withStreamed(view, streamed).candidates).toBe(streamed);
    expect(withStreamed(view, undefined)).toBe(view);
    const ready = { ...view, status: "ready", candidates: [[note(64)]] } as GenerationView;
    expect(withStreamed(ready, streamed)).toBe(ready);
  });
});
