import { describe, expect, it } from "vitest";
import { MAX_TICK } from "../../lib/doc-schema";
import { checkChordEntry, checkMetaEntry, checkNote, checkTrack, sameJson } from "./validate";

const note = { track: "melody", pitch: 60, start: 0, duration: 480, velocity: 90 };
const track = { name: "Melody", role: "melody", instrument: "lead", order: 0 };

describe("checkNote", () => {
  it("accepts a well-formed note as is", () => {
    expect(checkNote(note)).toEqual({ status: "valid", value: note });
  });

  it("clamps and rounds numbers into the schema's ranges", () => {
    const r = checkNote({ ...note, pitch: 200, start: -5, duration: 0, velocity: 64.6 });
    expect(r).toEqual({ status: "repaired", value: { ...note, pitch: 127, start: 0, duration: 1, velocity: 65 } });
    expect(checkNote({ ...note, start: MAX_TICK * 10 })).toMatchObject({ status: "repaired", value: { start: MAX_TICK } });
  });

  it("drops fields the schema does not know (a client cannot smuggle an author in)", () => {
    expect(checkNote({ ...note, author: "someone-else" })).toEqual({ status: "repaired", value: note });
  });

  it.each([
    ["not an object", 42],
    ["null", null],
    ["an array", [1, 2]],
    ["a missing pitch", { ...note, pitch: undefined }],
    ["a string pitch", { ...note, pitch: "60" }],
    ["NaN", { ...note, start: Number.NaN }],
    ["Infinity", { ...note, duration: Number.POSITIVE_INFINITY }],
    ["an empty track", { ...note, track: "" }],
    ["an oversized track id", { ...note, track: "x".repeat(65) }],
  ])("rejects %s", (_, value) => {
    expect(checkNote(value).status).toBe("invalid");
  });
});

describe("checkTrack", () => {
  it("accepts a well-formed track", () => {
    expect(checkTrack(track)).toEqual({ status: "valid", value: track });
  });

  it("repairs names, instruments and order", () => {
    expect(checkTrack({ ...track, name: "  " + "n".repeat(100), order: 99.2 })).toEqual({
      status: "repaired",
      value: { ...track, name: "n".repeat(60), order: 63 },
    });
  });

  it("keeps a volume in 0..1, clamps one outside it, drops a malformed one (old docs have none)", () => {
    expect(checkTrack({ ...track, volume: 0.5 })).toEqual({ status: "valid", value: { ...track, volume: 0.5 } });
    expect(checkTrack({ ...track, volume: 3 })).toEqual({ status: "repaired", value: { ...track, volume: 1 } });
    expect(checkTrack({ ...track, volume: "loud" })).toEqual({ status: "repaired", value: track });
  });

  it("rejects an unknown role or a missing name", () => {
    expect(checkTrack({ ...track, role: "kazoo" }).status).toBe("invalid");
    expect(checkTrack({ ...track, name: " " }).status).toBe("invalid");
  });
});

describe("checkMetaEntry", () => {
  it("clamps tempo and meter, keeps valid values", () => {
    expect(checkMetaEntry("bpm", 120)).toEqual({ status: "valid", value: 120 });
    expect(checkMetaEntry("bpm", 1000)).toEqual({ status: "repaired", value: 300 });
    expect(checkMetaEntry("beatsPerBar", 0)).toEqual({ status: "repaired", value: 1 });
    expect(checkMetaEntry("beatUnit", 8)).toEqual({ status: "valid", value: 8 });
  });

  it("rejects impossible values and unknown keys", () => {
    expect(checkMetaEntry("beatUnit", 3).status).toBe("invalid");
    expect(checkMetaEntry("bpm", "fast").status).toBe("invalid");
    expect(checkMetaEntry("owner", "me").status).toBe("invalid");
  });

  it("trims the title", () => {
    expect(checkMetaEntry("title", "t".repeat(300))).toEqual({ status: "repaired", value: "t".repeat(200) });
  });
});

describe("the piece's key (meta)", () => {
  it("takes a tonic 0..11 and one of the modes, and nothing else", () => {
    expect(checkMetaEntry("key", { tonic: 2, mode: "major" })).toEqual({ status: "valid", value: { tonic: 2, mode: "major" } });
    expect(checkMetaEntry("key", { tonic: 2, mode: "dorian" }).status).toBe("valid");
    expect(checkMetaEntry("key", { tonic: 12, mode: "major" }).status).toBe("invalid");
    expect(checkMetaEntry("key", { tonic: 1.5, mode: "major" }).status).toBe("invalid");
    expect(checkMetaEntry("key", { tonic: 2, mode: "blues" }).status).toBe("invalid");
    expect(checkMetaEntry("key", { tonic: 2, mode: "major", by: "me" }).status).toBe("invalid");
    expect(checkMetaEntry("key", "D major").status).toBe("invalid");
  });
});

describe("checkChordEntry", () => {
  it("keeps a symbol written as Tandem writes it, on a sixteenth", () => {
    expect(checkChordEntry("1920", "Am7")).toEqual({ status: "valid", value: "Am7" });
    expect(checkChordEntry("0", "G/B")).toEqual({ status: "valid", value: "G/B" });
    expect(checkChordEntry("960", "N.C.")).toEqual({ status: "valid", value: "N.C." });
  });

  it("rewrites a symbol that reads as a chord", () => {
    expect(checkChordEntry("0", " a-7 ")).toEqual({ status: "repaired", value: "Am7" });
    expect(checkChordEntry("0", "F#°")).toEqual({ status: "repaired", value: "F#dim" });
  });

  it("refuses anything else: not a chord, not a string, a tick off the sixteenths or past the end", () => {
    expect(checkChordEntry("0", "<script>").status).toBe("invalid");
    expect(checkChordEntry("0", 42).status).toBe("invalid");
    expect(checkChordEntry("0", { symbol: "C" }).status).toBe("invalid");
    expect(checkChordEntry("100", "C").status).toBe("invalid");
    expect(checkChordEntry("-120", "C").status).toBe("invalid");
    expect(checkChordEntry("0120", "C").status).toBe("invalid");
    expect(checkChordEntry("bar1", "C").status).toBe("invalid");
    expect(checkChordEntry(String(480 * 4 * 2001), "C").status).toBe("invalid");
  });
});

describe("sameJson", () => {
  it("compares plain JSON structurally", () => {
    expect(sameJson({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameJson([1], { 0: 1 })).toBe(false);
    expect(sameJson(undefined, null)).toBe(false);
  });
});
