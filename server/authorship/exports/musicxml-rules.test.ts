import { describe, expect, it } from "vitest";
import { DEFAULT_TRACKS, type NoteWithId, type PieceMeta } from "../../../lib/doc-schema";
import { computeFigures } from "./figures";
import { buildMusicXml } from "./musicxml";
import { readMusicXml } from "./test-musicxml-reader";
import { musicXmlViolations } from "./test-musicxml-rules";
import { scriptedPiece } from "./test-fixture";

/** The scripted piece with other notes (all by nobody the ledger knows: the layout does not care) and meter. */
function pieceWith(notes: Omit<NoteWithId, "id" | "velocity">[], meta: Partial<PieceMeta> = {}) {
  const base = scriptedPiece();
  const piece = { ...base, meta: { ...base.meta, ...meta }, notes: notes.map((n, i) => ({ ...n, id: `x-${i}`, velocity: 90 })), ledger: [] };
  return buildMusicXml(piece, computeFigures(piece));
}

/** A deterministic jumble on every track: chords, overlaps three deep, notes over several bars, off-grid lengths. */
function jumble(seed: number, bars: number, barTicks: number) {
  let s = seed;
  const rand = (n: number) => {
    // mulberry32
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * n);
  };
  const notes: Omit<NoteWithId, "id" | "velocity">[] = [];
  const tracks = Object.keys(DEFAULT_TRACKS);
  for (let i = 0; i < 60; i++) {
    const track = tracks[rand(tracks.length)];
    const start = rand((bars * barTicks) / 40) * 40;
    const duration = [40, 60, 80, 100, 120, 160, 240, 360, 480, 720, 960, barTicks, 3.5 * barTicks][rand(13)];
    const pitch = track === "drums" ? [36, 38, 42, 46, 49][rand(5)] : 40 + rand(40);
    notes.push({ track, pitch, start, duration });
    if (rand(4) === 0) notes.push({ track, pitch: pitch + 4, start, duration }); // a chord
  }
  return notes;
}

describe("MusicXML structure (the MusicXML 4.0 partwise rules)", () => {
  it("holds for the scripted piece: chords, overlapping notes, four tracks, drums, a note over the bar line, triplets", () => {
    expect(musicXmlViolations(buildMusicXml(scriptedPiece(), computeFigures(scriptedPiece())))).toEqual([]);
  });

  it.each([
    [{ beatsPerBar: 4, beatUnit: 4 }, 1920],
    [{ beatsPerBar: 3, beatUnit: 4 }, 1440],
    [{ beatsPerBar: 6, beatUnit: 8 }, 1440],
    [{ beatsPerBar: 5, beatUnit: 4 }, 2400],
  ])("holds for a jumble of notes in %o, and every note reads back", (meta, barTicks) => {
    for (const seed of [1, 2, 3]) {
      const notes = jumble(seed, 6, barTicks);
      const xml = pieceWith(notes, meta);
      expect(musicXmlViolations(xml), `seed ${seed}`).toEqual([]);
      const back = readMusicXml(xml).notes.map((n) => `${n.part}:${n.pitch}@${n.start}+${n.duration}`).sort();
      const sent = notes.map((n) => `${DEFAULT_TRACKS[n.track].name}:${n.pitch}@${n.start}+${n.duration}`).sort();
      expect(back).toEqual(sent);
    }
  });

  it("ties a note of three and a half bars across every bar line it crosses", () => {
    const xml = pieceWith([{ track: "bass", pitch: 36, start: 960, duration: 3.5 * 1920 }]);
    expect(musicXmlViolations(xml)).toEqual([]);
    const bass = xml.slice(xml.indexOf('<part id="P3">'), xml.indexOf('<part id="P4">'));
    expect(bass.match(/<measure /g)).toHaveLength(4);
    // A half, then a whole in each of bars 2 to 4: three ties, one over each bar line.
    expect(bass.match(/<tie type="start"\/>/g)).toHaveLength(3);
    expect(bass.match(/<tie type="stop"\/>/g)).toHaveLength(3);
    expect(readMusicXml(xml).notes).toMatchObject([{ part: "Bass", pitch: 36, start: 960, duration: 6720 }]);
  });

  it("finds the faults it is there to find", () => {
    const good = buildMusicXml(scriptedPiece(), computeFigures(scriptedPiece()));
    const broken = (from: string | RegExp, to: string) => {
      const xml = good.replace(from, to);
      expect(xml).not.toBe(good);
      return musicXmlViolations(xml);
    };
    expect(broken(/<duration>(\d+)<\/duration><voice>1<\/voice><type>/, "<voice>1</voice><duration>$1</duration><type>")).toContainEqual(expect.stringMatching(/out of order/));
    expect(broken(/<divisions>480<\/divisions><key>(.*?)<\/key>/, "<key>$1</key><divisions>480</divisions>")).toContainEqual(expect.stringMatching(/<divisions> out of order/));
    expect(broken("<backup><duration>1920</duration></backup>", "")).toContainEqual(expect.stringMatching(/past the bar line/));
    expect(broken('<tie type="stop"/>', "")).toContainEqual(expect.stringMatching(/<tie> .* but <tied>|never stopped/));
    expect(broken(/color="#([0-9A-F]{6})"/, 'color="#ffd23f"')).toContainEqual(expect.stringMatching(/colour #ffd23f/));
    expect(broken("<type>quarter</type>", "<type>half</type>")).toContainEqual(expect.stringMatching(/a half lasts 960, not 480/));
    expect(broken(/<accidental>\w+<\/accidental>/, "")).toContainEqual(expect.stringMatching(/needs an accidental/));
    expect(broken('<measure number="2">', '<measure number="3">')).toContainEqual(expect.stringMatching(/measure number 3/));
  });
});

describe("MusicXML key signature and spelling", () => {
  const scale = (pitches: number[], track = "melody") => pitches.map((pitch, i) => ({ track, pitch, start: i * 480, duration: 480 }));
  const pitchesOf = (xml: string) => [...xml.matchAll(/<pitch><step>(\w)<\/step>(?:<alter>(-?\d)<\/alter>)?<octave>(\d)<\/octave><\/pitch>.*?(?:<accidental>(\w+)<\/accidental>)?<\/note>/g)].map(
    ([, step, alter, octave, acc]) => `${step}${alter === "-1" ? "b" : alter === "1" ? "#" : ""}${octave}${acc ? `(${acc})` : ""}`,
  );

  it("writes Eb major as three flats, its notes with flats and no accidentals", () => {
    const xml = pieceWith(scale([63, 65, 67, 68, 70, 72, 74, 75, 63, 67, 70, 75]));
    expect(xml).toContain("<key><fifths>-3</fifths><mode>major</mode></key>");
    expect(pitchesOf(xml).slice(0, 8)).toEqual(["Eb4", "F4", "G4", "Ab4", "Bb4", "C5", "D5", "Eb5"]);
    expect(musicXmlViolations(xml)).toEqual([]);
  });

  it("writes A minor without a signature, the leading tone G# with a sharp once a bar and a natural where G returns", () => {
    const xml = pieceWith(scale([69, 72, 76, 69, 68, 69, 68, 67, 69, 72, 76, 69, 64, 69, 72, 76]));
    expect(xml).toContain("<key><fifths>0</fifths><mode>minor</mode></key>");
    expect(pitchesOf(xml).slice(4, 8)).toEqual(["G#4(sharp)", "A4", "G#4", "G4(natural)"]);
    expect(musicXmlViolations(xml)).toEqual([]);
  });

  it("spells D minor's leading tone C#, not Db", () => {
    const xml = pieceWith(scale([62, 65, 69, 62, 61, 62, 65, 69, 62, 64, 65, 67, 69, 70, 61, 62]));
    expect(xml).toContain("<key><fifths>-1</fifths><mode>minor</mode></key>");
    expect(pitchesOf(xml)).toContain("C#4(sharp)");
    expect(pitchesOf(xml)).toContain("Bb4");
    expect(musicXmlViolations(xml)).toEqual([]);
  });

  it("leaves the drums without a key signature and takes the key from the pitched tracks only", () => {
    const xml = pieceWith([...scale([66, 68, 70, 71, 73, 75, 77, 78]), ...scale([36, 38, 36, 38, 42, 42, 42, 42], "drums")]);
    const drums = xml.slice(xml.indexOf('<part id="P4">'));
    expect(drums).not.toContain("<key>");
    expect(xml).toContain("<key><fifths>6</fifths><mode>major</mode></key>");
    expect(musicXmlViolations(xml)).toEqual([]);
  });
});
