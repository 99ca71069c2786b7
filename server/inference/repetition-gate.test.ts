import { describe, expect, it } from "vitest";
import {
  BAR,
  advance,
  createRepetition,
  initialGrammar,
  tok,
  type GrammarState,
  type RepetitionContext,
} from "../../models/tokenizer";
import { contextHarmony, createRepetitionGate, type HarmonyByBar } from "./repetition-gate";

const MELODY = 0;
const note = (pos: number, pitch: number) => ({ pos, dur: 12, pitch });

/** Eight window bars, the melody's region bars 4-5, period 1: bar 4 copies bar 3. */
function context(melodyBars: Record<number, ReturnType<typeof note>[]>): RepetitionContext {
  const bars = new Map(Object.entries(melodyBars).map(([bar, notes]) => [Number(bar), new Map([[MELODY, notes]])]));
  return { windowBars: 8, region: { startBar: 4, endBar: 6, pitchLo: 0, pitchHi: 127, tracks: [MELODY] }, bars, period: new Map([[MELODY, 1]]) };
}

/** The grammar after the given ids, in the region's first bar. */
function stateAfter(...ids: number[]): GrammarState {
  const g = initialGrammar({ startBar: 4, endBar: 6, tracks: [MELODY] }, 48);
  for (const id of [BAR, ...ids]) advance(g, id);
  return g;
}

const profile = (...pitchClasses: number[]) => {
  const h = new Float64Array(12);
  for (const pc of pitchClasses) h[pc] += 1;
  return h;
};
const harmonyWith = (bar3: Float64Array | null, bar4: Float64Array | null): HarmonyByBar => [null, null, null, bar3, bar4, null, null, null];

describe("the repetition gate", () => {
  it("drops a prediction that copies an empty bar into a track the window plays elsewhere", () => {
    const ctx = context({ 3: [], 6: [note(0, 72), note(12, 74)] });
    const gate = createRepetitionGate(ctx, harmonyWith(null, null));
    const r = createRepetition(ctx);
    expect(gate(stateAfter(), BAR, r)).toBe(false); // close the bar without a note
    expect(gate(stateAfter(tok.track(MELODY), tok.pos(0), tok.dur(12), tok.pitch(72)), BAR, r)).toBe(false); // stop after one
  });

  it("keeps silence where the track is silent in the whole window, and a bar's end where the source has notes", () => {
    const silentTrack = context({ 3: [] });
    expect(createRepetitionGate(silentTrack, harmonyWith(null, null))(stateAfter(), BAR, createRepetition(silentTrack))).toBe(true);
    const playing = context({ 3: [note(0, 72)], 6: [note(0, 72)] });
    const g = stateAfter(tok.track(MELODY), tok.pos(0), tok.dur(12), tok.pitch(72));
    expect(createRepetitionGate(playing, harmonyWith(null, null))(g, BAR, createRepetition(playing))).toBe(true);
  });

  it("drops a copied pitch foreign to this bar's harmony when the source bar's harmony differs, and keeps the rhythm", () => {
    const ctx = context({ 3: [note(0, 64)], 6: [note(0, 66)] });
    const r = createRepetition(ctx);
    const atPitch = stateAfter(tok.track(MELODY), tok.pos(0), tok.dur(12));
    const cMajor = profile(0, 4, 7);
    const fSharpMajor = profile(6, 10, 1);
    const changed = createRepetitionGate(ctx, harmonyWith(cMajor, fSharpMajor));
    expect(changed(atPitch, tok.pitch(64), r)).toBe(false); // E over F# major
    expect(changed(atPitch, tok.pitch(70), r)).toBe(true); // A# sounds in F# major
    expect(changed(stateAfter(tok.track(MELODY), tok.pos(0)), tok.dur(12), r)).toBe(true);
    expect(createRepetitionGate(ctx, harmonyWith(cMajor, profile(0, 4, 7, 11)))(atPitch, tok.pitch(64), r)).toBe(true); // C to Cmaj7
    expect(createRepetitionGate(ctx, harmonyWith(null, fSharpMajor))(atPitch, tok.pitch(64), r)).toBe(true); // nothing to compare
  });
});

describe("contextHarmony", () => {
  it("weights the pitch classes of tracks outside the region and drums by how long they sound in each bar", () => {
    const tracks = [
      { id: "melody", name: "Melody", role: "melody" as const, instrument: "lead", order: 0 },
      { id: "chords", name: "Chords", role: "chords" as const, instrument: "piano", order: 1 },
      { id: "drums", name: "Drums", role: "drums" as const, instrument: "drums", order: 2 },
    ];
    const n = (track: string, pitch: number, start: number, duration: number) => ({ track, pitch, start, duration, velocity: 80 });
    const h = contextHarmony({
      notes: [n("chords", 60, 1920 + 960, 1920), n("chords", 67, 1920, 960), n("melody", 62, 1920, 480), n("drums", 38, 1920, 100)],
      region: { trackIds: ["melody"] },
      tracks,
      fromTick: 1920, // the window starts at the piece's second bar
      barTicks: 1920,
      bars: 3,
    });
    expect(Array.from(h[0]!)).toEqual([0.5, 0, 0, 0, 0, 0, 0, 0.5, 0, 0, 0, 0]);
    expect(Array.from(h[1]!)).toEqual([0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(h[2]).toBeNull();
  });
});
