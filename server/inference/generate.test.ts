import { describe, expect, it } from "vitest";
import type { Note } from "../../lib/doc-schema";
import { InferenceCancelledError, InferenceInputError, InferenceTimeoutError } from "./errors";
import { FAKE_MANIFEST, createFakeRunner } from "./fake-runner";
import { generate, type GenerateDeps } from "./generate";
import type { ModelManifest } from "./manifest";
import { constraintViolations, testPiece, testRequest } from "./test-piece";

const manifest: ModelManifest = { ...FAKE_MANIFEST };
const silent = { info: () => {}, warn: () => {} };
const maxSounding = (notes: Note[]) => Math.max(0, ...notes.map((a) => notes.filter((n) => n.start <= a.start && a.start < n.start + n.duration).length));
const deps = (delayMs?: number): GenerateDeps => ({ runner: createFakeRunner({ delayMs }), manifest, log: silent });

describe("generate (fake model: random logits, real grammar and constraints)", () => {
  it("obeys pitch range, tracks, region span, polyphony and density, and streams every note", async () => {
    const req = testRequest({
      candidates: 3,
      region: { startBar: 4, endBar: 8, pitchLo: 36, pitchHi: 84, trackIds: ["melody", "bass", "drums"] },
      maxPolyphony: 2,
      maxNotesPerBar: 6,
      scale: { tonic: 0, mode: "major" },
    });
    const streamed: [number, Note][] = [];
    const res = await generate(deps(), { ...req, onNote: (c, n) => streamed.push([c, n]) });
    expect(constraintViolations(req, res)).toEqual([]);
    expect(res.candidates).toHaveLength(3);
    expect(res.candidates.flat().length).toBeGreaterThan(0);
    expect(streamed.length).toBe(res.candidates.flat().length);
    expect(res.model).toEqual({ name: "fake", version: "0" });
    expect(res.tokens).toBeGreaterThan(0);
    const melodyVel = res.candidates.flat().find((n) => n.track === "melody")?.velocity;
    if (melodyVel !== undefined) expect(melodyVel).toBe(96);
  });

  it("splits the shared accompaniment track by pitch: bass below, chords above", async () => {
    const req = testRequest({ candidates: 2, region: { startBar: 2, endBar: 6, pitchLo: 0, pitchHi: 127, trackIds: ["chords", "bass"] } });
    const res = await generate(deps(), req);
    expect(constraintViolations(req, res)).toEqual([]);
    const notes = res.candidates.flat();
    const bass = notes.filter((n) => n.track === "bass").map((n) => n.pitch);
    const chords = notes.filter((n) => n.track === "chords").map((n) => n.pitch);
    if (bass.length && chords.length) expect(Math.max(...bass)).toBeLessThan(Math.min(...chords));
  });

  it("writes each track no more notes at once than the context plays it, unless the request sets maxPolyphony", async () => {
    const req = testRequest({ candidates: 3, region: { startBar: 4, endBar: 8, pitchLo: 36, pitchHi: 96, trackIds: ["melody", "chords"] } });
    const res = await generate(deps(), req);
    const most = (track: string) => Math.max(...res.candidates.map((c) => maxSounding(c.filter((n) => n.track === track))));
    expect(most("melody")).toBe(1); // one note at a time, as in the piece
    expect(most("chords")).toBeLessThanOrEqual(3); // triads
    const open = await generate(deps(), { ...req, maxPolyphony: 4 });
    expect(Math.max(...open.candidates.map((c) => maxSounding(c.filter((n) => n.track === "melody"))))).toBeGreaterThan(1);
  });

  it("repeats exactly with a seed; another seed differs", async () => {
    const req = testRequest({ region: { startBar: 3, endBar: 5, pitchLo: 40, pitchHi: 90, trackIds: ["melody", "chords"] } });
    const a = await generate(deps(), req);
    expect((await generate(deps(), req)).candidates).toEqual(a.candidates);
    expect((await generate(deps(), { ...req, seed: 99 })).candidates).not.toEqual(a.candidates);
  });

  it("continues after the last note with nothing after it", async () => {
    const req = testRequest({ mode: "continue", region: { startBar: 16, endBar: 20, pitchLo: 0, pitchHi: 127, trackIds: ["melody", "drums"] } });
    const res = await generate(deps(), req);
    expect(constraintViolations(req, res)).toEqual([]);
    await expect(generate(deps(), { ...req, region: { ...req.region, startBar: 15, endBar: 18 } })).rejects.toThrow(/after the last note/);
  });

  it("rejects bad input with a typed error and a clear message", async () => {
    const bad = async (over: Parameters<typeof testRequest>[0], msg: RegExp) => {
      const p = generate(deps(), testRequest(over));
      await expect(p).rejects.toBeInstanceOf(InferenceInputError);
      await expect(p).rejects.toThrow(msg);
    };
    const region = testRequest().region;
    await bad({ region: { ...region, endBar: region.startBar } }, /empty/);
    await bad({ region: { ...region, startBar: 0, endBar: 17 } }, /at most 16/);
    await bad({ region: { ...region, pitchLo: 90, pitchHi: 80 } }, /pitchLo 90 is above pitchHi 80/);
    await bad({ region: { ...region, trackIds: ["nope"] } }, /unknown track "nope"/);
    await bad({ region: { ...region, startBar: 14, endBar: 18 } }, /inside the piece/);
    await bad({ candidates: 9 }, /candidates must be 1..8/);
    await bad({ temperature: 0.01 }, /temperature/);
    await bad({ topP: 1.5 }, /topP/);
    const many = testPiece(16);
    await bad({ notes: Array.from({ length: 20_001 }, (_, i) => ({ ...many[i % many.length], id: `x${i}` })) }, /at most 20000 notes/);
  });

  it("times out and cancels with clear errors, returning nothing", async () => {
    const req = testRequest({ candidates: 1, timeoutMs: 150 });
    const streamed: Note[] = [];
    await expect(generate(deps(15), { ...req, onNote: (_, n) => streamed.push(n) })).rejects.toBeInstanceOf(InferenceTimeoutError);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 60);
    await expect(generate(deps(15), { ...req, timeoutMs: 10_000, signal: ac.signal })).rejects.toBeInstanceOf(InferenceCancelledError);
  });
});
