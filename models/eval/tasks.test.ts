import { describe, expect, it } from "vitest";
import { barLength, decodeFim } from "../tokenizer";
import { createRng } from "../prepare/prng";
import { fimSequence } from "./fim";
import type { EvalPiece } from "./pieces";
import { pickTasks } from "./tasks";

const BAR = 1920;
/** 12 bars of 4/4: a melody of quarter notes and a two-note chord on every downbeat. */
function piece(): EvalPiece {
  const notes = [];
  for (let bar = 0; bar < 12; bar++) {
    for (let q = 0; q < 4; q++) notes.push({ track: "mel", pitch: 60 + ((bar + q) % 8), start: bar * BAR + q * 480, duration: 480, velocity: 90 });
    notes.push({ track: "pno", pitch: 48, start: bar * BAR, duration: BAR, velocity: 70 });
    notes.push({ track: "pno", pitch: 55, start: bar * BAR, duration: BAR, velocity: 70 });
  }
  return {
    id: "p",
    source: "test",
    loader: "midi",
    meta: { bpm: 100, beatsPerBar: 4, beatUnit: 4 },
    tracks: [
      { id: "mel", name: "Melody", role: "melody", instrument: "lead", order: 0 },
      { id: "pno", name: "Piano", role: "chords", instrument: "piano", order: 1 },
    ],
    notes: notes.map((n, i) => ({ ...n, id: `n${i}` })),
    bars: 12,
  };
}

describe("pickTasks", () => {
  const tasks = pickTasks(piece(), createRng("seed"));

  it("draws one infill and one continuation, with the original notes split off the request", () => {
    expect(tasks.map((t) => t.kind)).toEqual(["infill", "continue"]);
    for (const t of tasks) {
      const len = t.region.endBar - t.region.startBar;
      expect(len).toBeGreaterThanOrEqual(2);
      expect(len).toBeLessThanOrEqual(4);
      expect(t.truth.length + t.context.length).toBeLessThanOrEqual(piece().notes.length);
      for (const n of t.truth) {
        expect(t.region.trackIds).toContain(n.track);
        expect(n.start).toBeGreaterThanOrEqual(t.region.startBar * BAR);
        expect(n.start).toBeLessThan(t.region.endBar * BAR);
      }
    }
    const cont = tasks[1];
    expect(cont.context.every((n) => n.start < cont.region.startBar * BAR)).toBe(true);
    expect(cont.region.trackIds).toEqual(["mel", "pno"]);
    expect(cont.maxPolyphony).toBe(2); // the chord
  });

  it("is seeded", () => {
    expect(pickTasks(piece(), createRng("seed")).map((t) => t.region)).toEqual(tasks.map((t) => t.region));
  });

  it("encodes each task as a FIM sequence whose region part is the original notes", () => {
    for (const t of tasks) {
      const fim = fimSequence(t, 1024)!;
      expect(fim.tokens.length).toBeLessThanOrEqual(1024);
      const { regionNotes } = decodeFim(fim.tokens, barLength(4));
      expect(regionNotes.length).toBe(t.truth.length);
      if (t.kind === "continue") expect(fim.fromBar + fim.bars).toBe(t.region.endBar);
    }
  });

  it("gives no FIM sequence when the region alone is longer than the model", () => {
    expect(fimSequence(tasks[0], 20)).toBeNull();
  });
});
