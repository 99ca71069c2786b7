import { describe, expect, it } from "vitest";
import { BAR as BAR_ID, advance, allowedNext, initialGrammar, tok } from "../../models/tokenizer";
import { buildAssignment, constrain, createConstraintState } from "./constraints";
import { harmonyBias, harmonyMask } from "./harmony-bias";
import { TRACKS } from "./test-piece";

const BAR = 1920; // document ticks in a 4/4 bar; 48 grid ticks
const note = (track: string, pitch: number, start: number, duration: number) => ({ track, pitch, start, duration, velocity: 80 });
const bits = (...pcs: number[]) => pcs.reduce((m, pc) => m | (1 << pc), 0);

describe("harmonyMask", () => {
  const notes = [
    note("chords", 60, BAR, BAR), // C E G over the window's second bar (the window starts at bar 1)
    note("chords", 64, BAR, BAR),
    note("chords", 67, BAR, BAR),
    note("bass", 45, 2 * BAR, BAR / 2), // A for the first half of the next bar
    note("melody", 62, BAR, BAR), // a region track: not harmony
    note("drums", 38, BAR, BAR), // drums: not harmony
  ];
  const mask = harmonyMask({ notes, regionTrackIds: ["melody"], tracks: TRACKS, fromTick: BAR, gridTicks: 96 });

  it("holds, per grid tick, the pitch classes the other pitched tracks sound", () => {
    expect(mask[0]).toBe(bits(0, 4, 7));
    expect(mask[47]).toBe(bits(0, 4, 7));
    expect(mask[48]).toBe(bits(9));
    expect(mask[71]).toBe(bits(9));
    expect(mask[72]).toBe(0);
  });

  it("pulls chord tones only, and only where a harmony is known", () => {
    expect(harmonyBias(mask, 0, 76, 1)).toBe(1); // E
    expect(harmonyBias(mask, 0, 62, 1)).toBe(0); // D
    expect(harmonyBias(mask, 80, 76, 1)).toBe(0); // nothing sounds there
    expect(harmonyBias(undefined, 0, 76, 1)).toBe(0);
  });

  it("reaches the pitch logits through the constraints, never for drums", () => {
    const region = { startBar: 0, endBar: 2, tracks: [0, 3] };
    const spec = {
      barLen: 48,
      endTick: 96,
      assign: new Map([
        [0, buildAssignment(0, 0, 127, [{ slot: 0, median: 72 }])],
        [3, buildAssignment(3, 0, 127, [{ slot: 1, median: 42 }])],
      ]),
      slots: 2,
      staying: [],
      harmony: { mask, bias: 1.5 },
    };
    const pitchBias = (track: number) => {
      const g = initialGrammar(region, 48);
      const st = createConstraintState(spec);
      for (const id of [BAR_ID, tok.track(track), tok.pos(0), tok.dur(12)]) advance(g, id);
      return constrain(st, g, allowedNext(g)).bias ?? new Map();
    };
    const melody = pitchBias(0);
    expect(melody.get(tok.pitch(72))).toBe(1.5); // C
    expect(melody.get(tok.pitch(74))).toBeUndefined(); // D
    expect(pitchBias(3).get(tok.pitch(36))).toBeUndefined();
  });
});
