import { describe, expect, it } from "vitest";
import { REPETITION_STATES, type RepetitionWeights } from "../../models/tokenizer";
import { ticksPerBar } from "../../lib/time";
import { FAKE_MANIFEST, createFakeRunner } from "./fake-runner";
import { generate, scaledRepetition } from "./generate";
import type { ModelManifest } from "./manifest";
import { InferenceInputError } from "./errors";
import { META, testPiece, testRequest } from "./test-piece";

const lambda = Object.fromEntries(REPETITION_STATES.map((k) => [k, 0.9])) as RepetitionWeights;
const manifest: ModelManifest = { ...FAKE_MANIFEST, repetition: { fittedOn: "a test", lambda } };
const BAR = ticksPerBar(META);

/** Share of generated drum hits that the bar before the region also has (same onset in the bar, same pitch). */
async function copiedShare(repetition: number, m: ModelManifest = manifest): Promise<number> {
  const deps = { runner: createFakeRunner(), manifest: m, log: { info: () => {}, warn: () => {} } };
  const req = testRequest({ candidates: 2, region: { startBar: 6, endBar: 9, pitchLo: 0, pitchHi: 127, trackIds: ["drums"] }, repetition });
  const res = await generate(deps, req);
  const pattern = new Set(testPiece().filter((n) => n.track === "drums" && n.start >= 5 * BAR && n.start < 6 * BAR).map((n) => `${n.start - 5 * BAR}/${n.pitch}`));
  const notes = res.candidates.flat();
  expect(notes.length).toBeGreaterThan(0);
  return notes.filter((n) => pattern.has(`${n.start % BAR}/${n.pitch}`)).length / notes.length;
}

describe("the repetition expert in generation (fake model: random logits)", () => {
  it("follows the drum pattern the context repeats when asked to, and not when set to 0", async () => {
    const strong = await copiedShare(3);
    const off = await copiedShare(0);
    expect(strong).toBeGreaterThan(0.9);
    expect(off).toBeLessThan(0.3);
  });

  it("does not copy the silence of an intro into a melody that plays in the rest of the window", async () => {
    const deps = { runner: createFakeRunner(), manifest, log: { info: () => {}, warn: () => {} } };
    const notes = testPiece().filter((n) => n.track !== "melody" || n.start >= 12 * BAR); // an 8-bar intro, then the region
    const region = { startBar: 8, endBar: 12, pitchLo: 0, pitchHi: 127, trackIds: ["melody"] };
    const req = testRequest({ notes, candidates: 3, region });
    const res = await generate(deps, req);
    expect(res.candidates.map((c) => c.length > 0)).toEqual([true, true, true]);
  });

  it("samples at the manifest's sampling weights where it has them (likelihood keeps the fitted ones)", async () => {
    const small = Object.fromEntries(REPETITION_STATES.map((k) => [k, 0.01])) as RepetitionWeights;
    const fittedOnly: ModelManifest = { ...FAKE_MANIFEST, repetition: { fittedOn: "a test", lambda: small } };
    const withSampling: ModelManifest = { ...FAKE_MANIFEST, repetition: { fittedOn: "a test", lambda: small, sampling: lambda } };
    expect(await copiedShare(3, fittedOnly)).toBeLessThan(0.3);
    expect(await copiedShare(3, withSampling)).toBeGreaterThan(0.9);
  });

  it("scales the fitted weights, capped below 1, and turns off at 0 or without weights", () => {
    expect(scaledRepetition(lambda, 0)).toBeNull();
    expect(scaledRepetition(undefined, 3)).toBeNull();
    const half = scaledRepetition({ ...lambda, pos: 0.2 }, 0.5)!;
    expect(half.pos).toBeCloseTo(0.1);
    expect(scaledRepetition(lambda, 4)!.bar).toBe(0.95);
  });

  it("rejects a repetition outside 0..4 with a clear message", async () => {
    const deps = { runner: createFakeRunner(), manifest, log: { info: () => {}, warn: () => {} } };
    await expect(generate(deps, testRequest({ repetition: 5 }))).rejects.toThrow(InferenceInputError);
    await expect(generate(deps, testRequest({ repetition: -1 }))).rejects.toThrow(/repetition must be 0..4/);
  });
});
