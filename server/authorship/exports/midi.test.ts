import { parseMidi } from "midi-file";
import { describe, expect, it } from "vitest";
import { parseMidiFile } from "../../../lib/midi";
import { fromMidiText } from "../../../lib/midi/text";
import { computeFigures } from "./figures";
import { buildProvenanceMidi } from "./midi";
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

  it("names each note's authors in a text event at its onset, in its track", () => {
    const midi = parseMidi(bytes);
    const texts = new Map<string, { tick: number; track: number; text: string }>();
    midi.tracks.forEach((events, track) => {
      let tick = 0;
      for (const e of events) {
        tick += e.deltaTime;
        if (e.type === "text" && fromMidiText(e.text).startsWith("note ")) {
          const text = fromMidiText(e.text);
          texts.set(text.slice(5, text.indexOf(":")), { tick, track, text });
        }
      }
    });
    expect(texts.size).toBe(FINAL_NOTES.length);
    const trackIndex = new Map(piece.tracks.map((t, i) => [t.id, i + 1]));
    for (const n of FINAL_NOTES) expect(texts.get(n.id)).toMatchObject({ tick: n.start, track: trackIndex.get(n.track) });
    expect(texts.get("n-2")!.text).toBe(`note n-2: human ${ADA.name}`);
    expect(texts.get("n-1")!.text).toBe(`note n-1: human ${ADA.name}, edited by ${BO.name} (pitch)`);
    expect(texts.get("a-1")!.text).toBe(`note a-1: AI ${MODEL.model} ${MODEL.version} gen g-1 seed ${SEED}, accepted by ${BO.name}, edited by ${ADA.name} (pitch)`);
    expect(texts.get("a-4")!.text).toBe(`note a-4: AI ${MODEL.model} ${MODEL.version} gen g-1 seed ${SEED}, accepted by ${BO.name}`);
  });

  it("opens with the shares and how they were computed", () => {
    const { texts } = parseMidiFile(bytes);
    expect(texts[0]).toContain(piece.piece.title);
    expect(texts[1]).toBe(`Shares of the 13 notes: ${ADA.name} 53.8%, ${BO.name} 15.4%, AI ${MODEL.model} ${MODEL.version} 30.8%`);
    expect(texts.some((t) => t.startsWith("Method: These figures are the contribution report's"))).toBe(true);
    expect(texts.some((t) => t.startsWith("Method: The AI acceptance rate is"))).toBe(true);
  });
});
