import { describe, expect, it } from "vitest";
import { BAR, EOS, advance, allowedNext, describe as tokDescribe, initialGrammar, tok, type DecodedNote } from "../../models/tokenizer";
import { buildAssignment, constrain, createConstraintState, recordNote, soundingIn, type ConstraintSpec } from "./constraints";
import { mulberry32 } from "./sampler";

const barLen = 48; // 4/4
const region = { startBar: 1, endBar: 3, tracks: [0, 2, 3] };

function spec(over: Partial<ConstraintSpec> = {}): ConstraintSpec {
  return {
    barLen,
    endTick: region.endBar * barLen,
    assign: new Map([
      [0, buildAssignment(0, 60, 84, [{ slot: 0, median: 72 }])],
      [2, buildAssignment(2, 30, 84, [{ slot: 1, median: 62 }, { slot: 2, median: 40 }])],
      [3, buildAssignment(3, 0, 127, [{ slot: 3, median: 42 }])],
    ]),
    slots: 4,
    staying: [],
    ...over,
  };
}

/** Drives the grammar to a state by feeding ids. */
function at(ids: number[], s = spec()) {
  const g = initialGrammar(region, barLen);
  const st = createConstraintState(s);
  for (const id of ids) {
    const n = advance(g, id);
    if (n) recordNote(st, n);
  }
  return { g, st, masked: constrain(st, g, allowedNext(g)) };
}

const kinds = (ids: number[], kind: string) => ids.map(tokDescribe).filter((d) => d.kind === kind).map((d) => d.value);

describe("buildAssignment", () => {
  it("splits a shared track halfway between the medians and masks outside the range", () => {
    const a = buildAssignment(2, 30, 84, [{ slot: 1, median: 62 }, { slot: 2, median: 40 }]);
    expect(a[29]).toBe(-1);
    expect(a[30]).toBe(2);
    expect(a[50]).toBe(2);
    expect(a[52]).toBe(1);
    expect(a[84]).toBe(1);
    expect(a[85]).toBe(-1);
  });
  it("keeps drums on GM drum pitches", () => {
    const a = buildAssignment(3, 0, 127, [{ slot: 0, median: 40 }]);
    expect(a[34]).toBe(-1);
    expect(a[35]).toBe(0);
    expect(a[81]).toBe(0);
    expect(a[82]).toBe(-1);
  });
  it("masks the share of a track outside the region (slot -1)", () => {
    const a = buildAssignment(2, 0, 127, [{ slot: -1, median: 62 }, { slot: 0, median: 40 }]);
    expect(a[45]).toBe(0);
    expect(a[60]).toBe(-1);
  });
});

describe("constrain", () => {
  it("limits pitches to the region's range per track, and drums to 35..81", () => {
    const mel = at([BAR, tok.track(0), tok.pos(0), tok.dur(12)]).masked.allowed;
    expect(Math.min(...kinds(mel, "pitch"))).toBe(60);
    expect(Math.max(...kinds(mel, "pitch"))).toBe(84);
    const drums = at([BAR, tok.track(3), tok.pos(0), tok.dur(1)]).masked.allowed;
    expect(Math.min(...kinds(drums, "pitch"))).toBe(35);
    expect(Math.max(...kinds(drums, "pitch"))).toBe(81);
  });

  it("caps durations at the region's end", () => {
    const { masked } = at([BAR, BAR, tok.track(0), tok.pos(40)]);
    expect(Math.max(...kinds(masked.allowed, "dur"))).toBe(8); // bar 2 ends the region at tick 144
  });

  it("limits polyphony, counting notes that stay", () => {
    // slot 0 (melody) already has one staying note over the whole of bar 1
    const s = spec({ maxPolyphony: 2, staying: [{ slot: 0, start: 48, end: 96, pitch: 50 }] });
    const ids = [BAR, tok.track(0), tok.pos(0), tok.dur(24), tok.pitch(72), tok.pos(0), tok.dur(12)];
    const { masked, st } = at(ids, s);
    expect(kinds(masked.allowed, "pitch")).toEqual([]); // nothing fits: 2 already sound at onset 0
    const after = at([BAR, tok.track(0), tok.pos(0), tok.dur(24), tok.pitch(72)], s).masked.allowed;
    expect(kinds(after, "pos").every((p) => p >= 24)).toBe(true); // only once the first note has ended
    expect(soundingIn(st.notes[0], 48, 60)).toBe(2);
  });

  it("limits notes per bar per region track", () => {
    const s = spec({ maxNotesPerBar: 2 });
    const ids = [BAR, tok.track(0), tok.pos(0), tok.dur(1), tok.pitch(70), tok.pos(2), tok.dur(1), tok.pitch(71)];
    const { masked } = at(ids, s);
    expect(kinds(masked.allowed, "pos")).toEqual([]);
    expect(masked.allowed).toContain(tok.track(2));
    expect(masked.allowed).toContain(BAR);
  });

  it("forbids a doubled note (same pitch sounding on the same track)", () => {
    const { masked } = at([BAR, tok.track(0), tok.pos(0), tok.dur(12), tok.pitch(70), tok.pos(4), tok.dur(2)]);
    expect(kinds(masked.allowed, "pitch")).not.toContain(70);
    expect(kinds(masked.allowed, "pitch")).toContain(71);
  });

  it("biases out-of-scale pitches, not drums", () => {
    const s = spec({ scale: { tonic: 0, mode: "major" }, scaleBias: -3 });
    const mel = at([BAR, tok.track(0), tok.pos(0), tok.dur(12)], s).masked;
    expect(mel.bias?.get(tok.pitch(61))).toBe(-3);
    expect(mel.bias?.has(tok.pitch(60))).toBe(false);
    const drums = at([BAR, tok.track(3), tok.pos(0), tok.dur(1)], s).masked;
    expect(drums.bias).toBeUndefined();
  });

  it("never dead-ends and every decoded note obeys the limits (random walks)", () => {
    const s = spec({ maxPolyphony: 2, maxNotesPerBar: 5, staying: [{ slot: 1, start: 50, end: 140, pitch: 64 }] });
    for (let seed = 0; seed < 40; seed++) {
      const rng = mulberry32(seed);
      const g = initialGrammar(region, barLen);
      const st = createConstraintState(s);
      const notes: (DecodedNote & { slot: number })[] = [];
      for (let step = 0; g.last !== "eos"; step++) {
        const { allowed } = constrain(st, g, allowedNext(g));
        expect(allowed.length).toBeGreaterThan(0);
        // lean towards notes so that the limits are reached
        const notesFirst = allowed.filter((id) => id !== BAR && id !== EOS);
        const pool = notesFirst.length && rng() < 0.9 ? notesFirst : allowed;
        const n = advance(g, pool[Math.floor(rng() * pool.length)]);
        if (n) notes.push({ ...n, slot: recordNote(st, n) });
        expect(step).toBeLessThan(2000);
      }
      for (const n of notes) {
        const start = n.bar * barLen + n.pos;
        expect(start + n.duration).toBeLessThanOrEqual(s.endTick);
        expect(s.assign.get(n.track)![n.pitch]).toBe(n.slot);
      }
      for (let slot = 0; slot < 4; slot++) {
        const mine = st.notes[slot];
        for (const n of mine) expect(soundingIn(mine, n.start, n.start + 1)).toBeLessThanOrEqual(2);
        for (const bar of [1, 2]) expect(mine.filter((n) => Math.floor(n.start / barLen) === bar).length).toBeLessThanOrEqual(5 + (slot === 1 ? 1 : 0));
      }
    }
  });
});
