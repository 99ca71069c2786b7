import { describe, expect, it } from "vitest";
import { datasetsDir } from "../prepare/datasets-dir";
import { choralePath, loadChorale } from "./chorales";
import { loadPiece } from "./pieces";
import { choraleBands } from "./style-bands";

const data = datasetsDir();

describe("Bach chorales as a class's pieces", () => {
  it("reads a chorale's four voices as melody, counter line and accompaniment, a held pitch as one note", () => {
    const p = loadPiece(choralePath(data, "train", 0), "chorales")!;
    expect(p.tracks.map((t) => t.role)).toEqual(["melody", "counter", "chords"]);
    expect(p.meta).toEqual({ bpm: 100, beatsPerBar: 4, beatUnit: 4 });
    // train chorale 0 opens on 74 / 70 / 65 / 58 held for several sixteenths
    const first = p.notes.filter((n) => n.start === 0);
    expect(first.map((n) => [n.track, n.pitch])).toEqual([["piano", 58], ["piano", 65], ["counter", 70], ["melody", 74]]);
    expect(first.every((n) => n.duration >= 3 * 120)).toBe(true);
    for (const track of ["melody", "counter"]) {
      const line = p.notes.filter((n) => n.track === track);
      for (let i = 1; i < line.length; i++) expect(line[i].start).toBeGreaterThanOrEqual(line[i - 1].start + line[i - 1].duration);
    }
    expect(p.bars).toBeGreaterThan(8);
  });

  it("plays tenor and bass in unison once: a track holds a pitch once at a time, as the tokenizer writes it", () => {
    // the train chorales have tenor and bass on one pitch in 2,318 sixteenths
    for (let i = 0; i < 229; i++) {
      const p = loadChorale(choralePath(data, "train", i), "chorales")!;
      const keys = p.notes.map((n) => `${n.track}/${n.start}/${n.pitch}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it("names a missing chorale, and is not asked for anything but its pseudo-paths", () => {
    expect(() => loadChorale(choralePath(data, "valid", 9999), "x")).toThrow(/no such chorale/);
    expect(loadChorale("/somewhere/song.mid", "x")).toBeNull();
  });

  it("groups the train chorales by 20, each tested on its own valid chorales, never the test key", () => {
    const bands = choraleBands(data);
    expect(bands).toHaveLength(12); // 229 train chorales
    expect(bands[0].name).toBe("chorales 1-20");
    expect(bands.at(-1)!.adapt).toHaveLength(9);
    const tests = bands.flatMap((b) => b.test);
    expect(new Set(tests).size).toBe(tests.length);
    expect(tests.every((f) => f.includes("#valid/"))).toBe(true);
    expect(bands.flatMap((b) => b.adapt).every((f) => f.includes("#train/"))).toBe(true);
  });
});
