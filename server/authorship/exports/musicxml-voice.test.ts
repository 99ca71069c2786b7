import { describe, expect, it } from "vitest";
import { noteValues } from "../../../lib/note-values";
import { tupletMarks } from "./musicxml-voice";

describe("tuplet brackets", () => {
  const t = (ticks: number) => noteValues(ticks)[0];
  it("bracket complete groups of three only", () => {
    expect(tupletMarks([t(160), t(160), t(160), t(480)])).toEqual(["start", undefined, "stop", undefined]);
    // A quarter triplet and four eighth triplets fill one half note's worth: one bracket.
    expect(tupletMarks([t(320), t(160), t(160), t(160), t(160)])).toEqual(["start", undefined, undefined, undefined, "stop"]);
    expect(tupletMarks([t(160), t(160), t(240)])).toEqual([undefined, undefined, undefined]);
    expect(tupletMarks([t(160), null, t(160)])).toEqual([undefined, undefined, undefined]);
  });
});
