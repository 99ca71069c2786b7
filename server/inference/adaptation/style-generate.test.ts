import { describe, expect, it } from "vitest";
import { buildStyleMemory, defaultWeights } from "../../../models/adapt/build-style-memory";
import { REPETITION_STATES } from "../../../models/tokenizer";
import { FAKE_MANIFEST, createFakeRunner } from "../fake-runner";
import { generate } from "../generate";
import { META, TRACKS, testRequest } from "../test-piece";
import type { StyleWeights } from "./style-memory";

const silent = { info: () => {}, warn: () => {} };
const deps = () => ({ runner: createFakeRunner(), manifest: { ...FAKE_MANIFEST }, log: silent });

/** A few pieces whose drummer plays nothing but a ride (51) on every eighth. */
const Q = 480;
const pieces = ["x", "y", "z"].map((id) => ({
  id,
  tracks: TRACKS,
  meta: META,
  notes: Array.from({ length: 64 }, (_, i) => ({ track: "drums", pitch: 51, start: (i * Q) / 2, duration: Q / 4, velocity: 90 })),
}));

describe("generate with a style memory (fake model, seeded)", () => {
  it("writes differently with the memory than without it, at the same seed, and towards the memory's pieces", async () => {
    const order = 4;
    const weights = Object.fromEntries(REPETITION_STATES.map((s) => [s, Array(order).fill(1)])) as StyleWeights;
    const style = buildStyleMemory(pieces, { tokenizer: FAKE_MANIFEST.tokenizer, order, weights });
    const req = testRequest({ candidates: 2, repetition: 0, region: { startBar: 6, endBar: 8, pitchLo: 35, pitchHi: 81, trackIds: ["drums"] } });
    const base = await generate(deps(), req);
    expect((await generate(deps(), req)).candidates).toEqual(base.candidates);
    const adapted = await generate(deps(), { ...req, style });
    expect(adapted.candidates).not.toEqual(base.candidates);
    const ride = (c: { pitch: number }[][]) => c.flat().filter((n) => n.pitch === 51).length / Math.max(1, c.flat().length);
    expect(ride(adapted.candidates)).toBeGreaterThan(ride(base.candidates) + 0.3);
    expect(defaultWeights(order).pitch).toHaveLength(order);
  });
});
