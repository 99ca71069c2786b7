import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Note } from "../../lib/doc-schema";
import { datasetsDir } from "../prepare/datasets-dir";
import { chordsAt, chordSpansInTicks, parseChordFile, parseChordLabel, regionHarmony } from "./harmony";
import { chordToneShare } from "./metrics";
import { loadPiece } from "./pieces";

describe("parseChordLabel", () => {
  it("reads pop909's Harte labels: root, quality, added or left-out degrees and the bass", () => {
    expect(parseChordLabel("C:maj")).toEqual([0, 4, 7]);
    expect(parseChordLabel("A:min7/b7")).toEqual([0, 4, 7, 9]);
    expect(parseChordLabel("G:sus4(b7)")).toEqual([0, 2, 5, 7]);
    expect(parseChordLabel("Bb:maj/3")).toEqual([2, 5, 10]);
    expect(parseChordLabel("C#:hdim7")).toEqual([1, 4, 7, 11]);
    expect(parseChordLabel("E:maj/5")).toEqual([4, 8, 11]);
    expect(parseChordLabel("C:(1,b3,5)")).toEqual([0, 3, 7]);
    expect(parseChordLabel("C:maj(*5)")).toEqual([0, 4]);
    expect(parseChordLabel("D")).toEqual([2, 6, 9]);
    expect(parseChordLabel("N")).toEqual([]);
  });

  it("names what it cannot read", () => {
    expect(() => parseChordLabel("H:maj")).toThrow(/"H:maj" is not/);
    expect(() => parseChordLabel("C:wide")).toThrow(/unknown quality "wide"/);
    expect(() => parseChordLabel("C:maj(b15)")).toThrow(/unknown degree "b15"/);
    expect(() => parseChordFile("0.5\t1.0\tC:maj\n1.0 C:min\n", "x.txt")).toThrow(/x.txt line 2/);
  });
});

describe("chord spans in ticks", () => {
  it("places seconds on the annotated beats from the segment's first downbeat, 480 ticks a beat", () => {
    const beats = Array.from({ length: 16 }, (_, i) => i * 0.5); // 120 bpm
    const spans = chordSpansInTicks(parseChordFile("2.0\t4.0\tC:maj\n4.0\t5.25\tN\n"), beats, 4);
    expect(spans).toEqual([
      { start: 0, end: 1920, pitchClasses: [0, 4, 7] },
      { start: 1920, end: 6.5 * 480, pitchClasses: [] }, // 5.25 s is beat 10.5, 6.5 after the first downbeat
    ]);
    expect([...chordsAt(spans)(1919)!]).toEqual([0, 4, 7]);
    expect(chordsAt(spans)(5000)).toBeNull();
  });

  it("line up with a pop909 song's own piano: nearly every piano note is a chord tone, far fewer a beat later", () => {
    const piece = loadPiece(join(datasetsDir(), "pop909/POP909/003/003.mid"), "pop909")!; // a valid song
    const piano = piece.notes.filter((n) => n.track === "piano");
    const later = piece.chords!.map((s) => ({ ...s, start: s.start + 480, end: s.end + 480 }));
    expect(chordToneShare(piano, chordsAt(piece.chords!))).toBeGreaterThan(0.95);
    expect(chordToneShare(piano, chordsAt(later))).toBeLessThan(0.85);
  });
});

describe("regionHarmony", () => {
  const tracks = [
    { id: "mel", name: "Melody", role: "melody" as const, instrument: "lead" as const, order: 0 },
    { id: "pno", name: "Piano", role: "chords" as const, instrument: "piano" as const, order: 1 },
    { id: "dr", name: "Drums", role: "drums" as const, instrument: "drums" as const, order: 2 },
  ];
  const note = (track: string, pitch: number, start: number, duration = 1920): Note => ({ track, pitch, start, duration, velocity: 80 });
  const region = { startBar: 1, endBar: 2, pitchLo: 0, pitchHi: 127, trackIds: ["mel"] };

  it("prefers the piece's chords, else the other pitched tracks sounding in the region, else none", () => {
    const chords = [{ start: 0, end: 3840, pitchClasses: [2, 5, 9] }];
    expect(regionHarmony({ tracks, chords }, region, [], 1920)!.source).toBe("chord_midi.txt");
    const context = [note("pno", 48, 1920), note("pno", 52, 1920), note("dr", 37, 1920), note("pno", 50, 0)];
    const h = regionHarmony({ tracks }, region, context, 1920)!;
    expect(h.source).toBe("other tracks");
    expect([...h.at(1920 + 480)!].sort()).toEqual([0, 4]); // the drum hit and the last bar's D are not harmony here
    expect(regionHarmony({ tracks }, region, [note("dr", 37, 1920)], 1920)).toBeNull();
  });
});
