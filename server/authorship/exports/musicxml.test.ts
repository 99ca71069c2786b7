import { describe, expect, it } from "vitest";
import { MODEL_COLOUR } from "../../../lib/authorship/author-colours";
import { DEFAULT_TRACKS } from "../../../lib/doc-schema";
import { computeFigures } from "./figures";
import { buildMusicXml } from "./musicxml";
import { readMusicXml } from "./test-musicxml-reader";
import { ADA, BO, FINAL_NOTES, scriptedPiece } from "./test-fixture";

const AUTHOR_OF: Record<string, string> = Object.fromEntries(
  FINAL_NOTES.map((n) => [n.id, n.id.startsWith("a-") ? "model" : ["n-8", "n-9"].includes(n.id) ? BO.id : ADA.id]),
);

describe("MusicXML with notes coloured by author", () => {
  const piece = scriptedPiece();
  const xml = buildMusicXml(piece, computeFigures(piece));
  const score = readMusicXml(xml);
  const partName = (trackId: string) => DEFAULT_TRACKS[trackId].name;

  it("has one part per track, three 4/4 bars at 480 divisions, and the right clefs", () => {
    expect(score.divisions).toBe(480);
    expect([score.beats, score.beatType]).toEqual([4, 4]);
    expect(score.parts.map((p) => [p.name, p.measures, p.clef])).toEqual([
      ["Melody", 3, "G"],
      ["Chords", 3, "G"],
      ["Bass", 3, "F"],
      ["Drums", 3, "percussion"],
    ]);
  });

  it("fills every voice of every bar to exactly the bar's length", () => {
    for (const p of score.parts) for (const bar of p.voiceTicks) for (const ticks of bar) expect(ticks).toBe(1920);
    expect(score.parts[0].voiceTicks[0]).toHaveLength(2); // n-3 overlaps n-2
  });

  it("reads back the document's pitches, onsets and durations, ties across bar lines joined", () => {
    const key = (n: { part: string; pitch: number; start: number; duration: number }) => `${n.part}:${n.pitch}@${n.start}+${n.duration}`;
    expect(score.notes.map(key).sort()).toEqual(FINAL_NOTES.map((n) => key({ ...n, part: partName(n.track) })).sort());
    expect(xml).toContain('<tie type="start"/>'); // n-2 crosses into bar 2
    expect(xml).toContain("<time-modification><actual-notes>3</actual-notes>"); // the triplets
    expect(xml.match(/<tuplet type="start"\/>/g)).toHaveLength(1); // n-4..n-6; the off-grid n-7 and its rests stay unbracketed
    expect(xml.match(/<tuplet type="stop"\/>/g)).toHaveLength(1);
    expect(xml).toContain("<unpitched><display-step>F</display-step><display-octave>4</display-octave></unpitched>"); // the kick
  });

  it("colours each author's notes alike and different authors differently, models in the editor's amber", () => {
    const colours = new Map<string, Set<string>>();
    for (const n of score.notes) {
      const doc = FINAL_NOTES.find((d) => partName(d.track) === n.part && d.pitch === n.pitch && d.start === n.start)!;
      const author = AUTHOR_OF[doc.id];
      colours.set(author, (colours.get(author) ?? new Set()).add(n.colour));
    }
    expect([...colours.values()].map((s) => s.size)).toEqual([1, 1, 1]);
    const [ada, bo, model] = [ADA.id, BO.id, "model"].map((a) => [...colours.get(a)!][0]);
    expect(new Set([ada, bo, model]).size).toBe(3);
    expect(model).toBe(MODEL_COLOUR.toUpperCase()); // MusicXML wants upper-case hexadecimal
    expect(ada).toMatch(/^#[0-9A-F]{6}$/);
  });

  it("escapes names and titles and states the colour key and method", () => {
    expect(xml).toContain("<work-title>Études &amp; &quot;Duets&quot; &lt;1&gt;</work-title>");
    expect(xml).toContain(`<creator type="composer">Bo &quot;Beats&quot;, Jr. &lt;b&gt;&amp;</creator>`);
    expect(xml).toMatch(/Colour key: Ada #[0-9A-F]{6}, Bo &quot;Beats&quot;, Jr\. &lt;b&gt;&amp; #[0-9A-F]{6}, AI tandem-fim #FFD23F/);
    expect(xml).toContain('name="tandem-method-1"');
  });

  it("writes a whole-bar rest in an empty bar and refuses nothing for an empty piece", () => {
    const empty = { ...scriptedPiece(), notes: [], ledger: [] };
    const back = readMusicXml(buildMusicXml(empty, computeFigures(empty)));
    expect(back.notes).toEqual([]);
    expect(back.parts.map((p) => p.measures)).toEqual([1, 1, 1, 1]);
    expect(back.parts.every((p) => p.voiceTicks[0][0] === 1920)).toBe(true);
  });
});
