import { describe, expect, it } from "vitest";
import { styleMemorySchema } from "../../server/inference/adaptation/style-memory";
import { META, TRACKS } from "../../server/inference/test-piece";
import { BAR, tok } from "../tokenizer";
import { buildStyleMemory, pieceStream, withWeights, type SourcePiece } from "./build-style-memory";
import { EXPONENTS, fitStyleWeights } from "./fit-style-weights";
import type { MemoryStep } from "./region-steps";

const Q = 480;
const drums = (id: string, pitch: number): SourcePiece => ({
  id,
  tracks: TRACKS,
  meta: META,
  notes: Array.from({ length: 8 }, (_, i) => ({ track: "drums", pitch, start: i * 2 * Q, duration: Q / 4, velocity: 90 })),
});

describe("building a style memory", () => {
  it("writes a piece's bars as the tokenizer writes a region", () => {
    expect(pieceStream(drums("a", 36)).slice(0, 9)).toEqual([BAR, tok.track(3), tok.pos(0), tok.dur(3), tok.pitch(36), tok.pos(24), tok.dur(3), tok.pitch(36), BAR]);
  });

  it("keeps each source's id and tokens, fingerprints them, and round-trips through the schema as JSON", () => {
    const now = new Date("2026-12-05T12:00:00Z");
    const a = buildStyleMemory([drums("a", 36), drums("b", 38)], { tokenizer: "tandem-fim-1", order: 4, now });
    expect(a.version).toBe(1);
    expect(a.sources.map((s) => s.pieceId)).toEqual(["a", "b"]);
    expect(styleMemorySchema.parse(JSON.parse(JSON.stringify(a)))).toEqual(a);
    expect(buildStyleMemory([drums("a", 36), drums("b", 38)], { tokenizer: "tandem-fim-1", order: 4 }).fingerprint).toBe(a.fingerprint);
    expect(buildStyleMemory([drums("a", 36), drums("b", 40)], { tokenizer: "tandem-fim-1", order: 4, now }).fingerprint).not.toBe(a.fingerprint);
    expect(withWeights(a, a.weights).fingerprint).toBe(a.fingerprint);
    expect(() => buildStyleMemory([{ ...drums("c", 36), notes: [] }], { tokenizer: "tandem-fim-1" })).toThrow(/at least one piece/);
  });

  it("fits an exponent where the memory knows better than the model, none where it knows worse", () => {
    const step = (state: MemoryStep["state"], q: number[]): MemoryStep => ({ state, matched: 3, p: Float64Array.of(0.5, 0.5), q: Float64Array.from(q), k: 0 });
    const steps = [...Array.from({ length: 40 }, () => step("pitch", [0.9, 0.1])), ...Array.from({ length: 40 }, () => step("pos", [0.1, 0.9]))];
    const w = fitStyleWeights(steps, 4);
    expect(w.pitch[3]).toBe(Math.max(...EXPONENTS));
    expect(w.pos[3]).toBe(0);
    expect(w.pitch[0]).toBe(w.pitch[3]); // too few steps of its own: the state's pooled exponent
  });
});
