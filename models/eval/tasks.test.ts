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

/** 12 bars of a drum take: kick and snare on every beat. */
function drumPiece(): EvalPiece {
  const notes = [];
  for (let beat = 0; beat < 48; beat++) notes.push({ id: `d${beat}`, track: "drums", pitch: beat % 2 ? 38 : 36, start: beat * 480, duration: 120, velocity: 90 });
  const p = piece();
  return { ...p, tracks: [{ id: "drums", name: "Drums", role: "drums", instrument: "drums", order: 0 }], notes };
}

describe("pickTasks", () => {
  const tasks = pickTasks(piece(), createRng("seed"));

  it("draws one region per task the piece allows, with the original notes split off the request", () => {
    expect(tasks.map((t) => [t.task, t.kind])).toEqual([
      ["infill-melody", "infill"],
      ["infill-bass-harmony", "infill"],
      ["infill-multi", "infill"],
      ["continue", "continue"],
    ]);
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
    const cont = tasks[3];
    expect(cont.context.every((n) => n.start < cont.region.startBar * BAR)).toBe(true);
    expect(cont.region.trackIds).toEqual(["mel", "pno"]);
    expect(cont.maxPolyphony).toBe(2); // the chord
  });

  it("fills one track against the others: the other track's notes in the region stay in the request and are its harmony", () => {
    const [melody, harmony, multi] = tasks;
    expect(melody.region.trackIds).toEqual(["mel"]);
    expect(harmony.region.trackIds).toEqual(["pno"]);
    expect(multi.region.trackIds).toEqual(["mel", "pno"]);
    const inBars = (t: (typeof tasks)[number], track: string) =>
      t.context.filter((n) => n.track === track && n.start >= t.region.startBar * BAR && n.start < t.region.endBar * BAR);
    expect(inBars(melody, "pno").length).toBe(2 * (melody.region.endBar - melody.region.startBar));
    expect(inBars(harmony, "mel").length).toBe(4 * (harmony.region.endBar - harmony.region.startBar));
    expect(melody.harmony?.source).toBe("other tracks");
    expect([...melody.harmony!.at(melody.region.startBar * BAR)!].sort((a, b) => a - b)).toEqual([0, 7]); // C and G under the melody
    expect(multi.harmony).toBeNull(); // nothing left to hear it against
    expect(tasks[3].harmony).toBeNull();
  });

  it("gives a drum take a drum fill and a continuation, with no harmony", () => {
    const drums = pickTasks(drumPiece(), createRng("seed"));
    expect(drums.map((t) => t.task)).toEqual(["infill-drums", "continue"]);
    expect(drums.map((t) => t.harmony)).toEqual([null, null]);
  });

  it("measures against the piece's chord annotations when it has them, continuations included", () => {
    const chords = [{ start: 0, end: 12 * BAR, pitchClasses: [0, 4, 7] }];
    const withChords = pickTasks({ ...piece(), chords }, createRng("seed"));
    expect(withChords.map((t) => t.harmony?.source)).toEqual(["chord_midi.txt", "chord_midi.txt", "chord_midi.txt", "chord_midi.txt"]);
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
