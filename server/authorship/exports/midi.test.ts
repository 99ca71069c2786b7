import { parseMidi } from "midi-file";
import { describe, expect, it } from "vitest";
import { parseMidiFile } from "../../../lib/midi";
import { fromMidiText } from "../../../lib/midi/text";
import { computeFigures } from "./figures";
import { buildProvenanceMidi } from "./midi";
import { MAX_PROVENANCE_EVENTS } from "./provenance-text";
import { ADA, BO, FINAL_NOTES, MODEL, scriptedPiece, SEED } from "./test-fixture";

describe("MIDI with provenance", () => {
  const piece = scriptedPiece();
  const bytes = buildProvenanceMidi(piece, computeFigures(piece));

  it("reads back with the document's notes, tempo and meter", () => {
    const back = parseMidiFile(bytes);
    expect(back.meta).toEqual(piece.meta);
    const trackName = new Map(piece.tracks.map((t) => [t.id, t.name]));
    const backName = new Map(back.tracks.map((t) => [t.id, t.name]));
    const key = (n: { track: string; pitch: number; start: number; duration: number; velocity: number }, names: Map<string, string>) =>
      `${names.get(n.track)}:${n.pitch}@${n.start}+${n.duration}v${n.velocity}`;
    expect(back.notes.map((n) => key(n, backName)).sort()).toEqual(FINAL_NOTES.map((n) => key(n, trackName)).sort());
  });

  it("names each note's authors in the text event of the bar it starts in", () => {
    const midi = parseMidi(bytes);
    const lines = new Map<string, { tick: number; bar: string; track: string; origin: string }>();
    let tick = 0;
    for (const e of midi.tracks[0]) {
      tick += e.deltaTime;
      if (e.type !== "text" || !fromMidiText(e.text).startsWith("bar ")) continue;
      const [bar, ...rest] = fromMidiText(e.text).split("\n");
      for (const line of rest) {
        const m = /^(\w+): notes? ([^:]+): (.*)$/.exec(line)!;
        for (const id of m[2].split(", ")) {
          expect(lines.has(id), id).toBe(false);
          lines.set(id, { tick, bar, track: m[1], origin: m[3] });
        }
      }
    }
    expect(lines.size).toBe(FINAL_NOTES.length);
    const trackName = new Map(piece.tracks.map((t) => [t.id, t.name]));
    for (const n of FINAL_NOTES) {
      const bar = Math.floor(n.start / 1920);
      expect(lines.get(n.id)).toMatchObject({ bar: `bar ${bar + 1}`, track: trackName.get(n.track) });
      expect(lines.get(n.id)!.tick).toBeGreaterThanOrEqual(bar * 1920);
      expect(lines.get(n.id)!.tick).toBeLessThanOrEqual(n.start);
    }
    expect(lines.get("n-2")!.origin).toBe(`human ${ADA.name}`);
    expect(lines.get("n-1")!.origin).toBe(`human ${ADA.name}, edited by ${BO.name} (pitch)`);
    expect(lines.get("a-1")!.origin).toBe(`AI ${MODEL.model} ${MODEL.version} gen g-1 seed ${SEED}, accepted by ${BO.name}, edited by ${ADA.name} (pitch)`);
    expect(lines.get("a-4")!.origin).toBe(`AI ${MODEL.model} ${MODEL.version} gen g-1 seed ${SEED}, accepted by ${BO.name}`);
    // Notes of one origin in one track and bar share a line.
    const bar3 = fromMidiText((midi.tracks[0].find((e) => e.type === "text" && fromMidiText(e.text).startsWith("bar 3")) as { text: string }).text);
    expect(bar3).toBe(`bar 3\nMelody: notes n-4, n-5, n-6, n-7: human ${ADA.name}`);
  });

  it("keeps to a bounded number of text events in a long piece", () => {
    const long = scriptedPiece();
    long.notes = Array.from({ length: 600 }, (_, i) => ({ id: `x${i}`, track: "melody", pitch: 60, start: i * 1920, duration: 480, velocity: 80 }));
    long.ledger = long.ledger.filter(() => false);
    const events = parseMidi(buildProvenanceMidi(long, computeFigures(long))).tracks[0].filter((e) => e.type === "text" && /^bars? /.test(fromMidiText(e.text)));
    expect(events.length).toBeLessThanOrEqual(MAX_PROVENANCE_EVENTS);
    expect(fromMidiText((events[0] as { text: string }).text)).toBe("bars 1-3\nMelody: notes x0, x1, x2: unattributed");
  });

  it("opens with the shares and how they were computed", () => {
    const { texts } = parseMidiFile(bytes);
    expect(texts[0]).toContain(piece.piece.title);
    expect(texts[1]).toBe(`Shares of the 13 notes: ${ADA.name} 53.8%, ${BO.name} 15.4%, AI ${MODEL.model} ${MODEL.version} 30.8%`);
    expect(texts.some((t) => t.startsWith("Method: These figures are the contribution report's"))).toBe(true);
    expect(texts.some((t) => t.startsWith("Method: The AI acceptance rate is"))).toBe(true);
  });
});
