import { describe, expect, it } from "vitest";
import type { Note } from "../../lib/doc-schema";
import { ticksPerBar } from "../../lib/time";
import { InferenceTimeoutError } from "./errors";
import { FAKE_MANIFEST, createFakeRunner } from "./fake-runner";
import { generate } from "./generate";
import { generateInParts, regionParts, type PartOptions } from "./region-parts";
import { META, constraintViolations, testPiece, testRequest } from "./test-piece";
import type { InferenceRequest, InferenceResult } from "./types";

const BAR = ticksPerBar(META);
const silent = { info: () => {}, warn: () => {} };

describe("regionParts", () => {
  it("keeps a region whole while the window leaves 4 bars around it, else cuts it into halves of the window", () => {
    expect(regionParts({ startBar: 4, endBar: 16 }, 16)).toEqual([{ startBar: 4, endBar: 16 }]);
    expect(regionParts({ startBar: 4, endBar: 20 }, 16)).toEqual([
      { startBar: 4, endBar: 12 },
      { startBar: 12, endBar: 20 },
    ]);
    expect(regionParts({ startBar: 0, endBar: 13 }, 16)).toEqual([
      { startBar: 0, endBar: 7 },
      { startBar: 7, endBar: 13 },
    ]);
    expect(regionParts({ startBar: 0, endBar: 16 }, 32)).toEqual([{ startBar: 0, endBar: 16 }]);
    expect(regionParts({ startBar: 0, endBar: 7 }, 8)).toEqual([
      { startBar: 0, endBar: 4 },
      { startBar: 4, endBar: 7 },
    ]);
  });
});

describe("generateInParts", () => {
  const REGION = { startBar: 4, endBar: 20, pitchLo: 0, pitchHi: 127, trackIds: ["melody"] };
  /** A run that writes one melody note a bar, at pitch 100 + candidate, and records what each part was given. */
  function recordingRun() {
    const calls: { req: InferenceRequest; part: PartOptions }[] = [];
    const run = async (req: InferenceRequest, part: PartOptions): Promise<InferenceResult> => {
      calls.push({ req, part });
      const candidates = Array.from({ length: req.candidates }, (_, c) => {
        const pitch = 100 + (part.candidate?.index ?? c);
        const notes: Note[] = [];
        for (let bar = req.region.startBar; bar < req.region.endBar; bar++)
          notes.push({ track: "melody", pitch, start: bar * BAR, duration: BAR / 4, velocity: 90 });
        for (const n of notes) req.onNote?.(c, n);
        return notes;
      });
      return { candidates, bitsPerToken: candidates.map(() => 2), model: { name: "rec", version: "0" }, latencyMs: 1, tokens: 10 };
    };
    return { calls, run };
  }

  it("writes the first part for every candidate, then each later part per candidate, hearing its own first part", async () => {
    const { calls, run } = recordingRun();
    const streamed: [number, number][] = [];
    const req = testRequest({ notes: testPiece(24), region: REGION, candidates: 3, onNote: (c, n) => streamed.push([c, n.pitch]) });
    const res = await generateInParts(run, req, regionParts(REGION, 16));

    expect(calls.map((x) => [x.req.region.startBar, x.req.region.endBar, x.req.candidates, x.part])).toEqual([
      [4, 12, 3, { lastPart: false }],
      [12, 20, 1, { lastPart: true, candidate: { index: 0, of: 3 } }],
      [12, 20, 1, { lastPart: true, candidate: { index: 1, of: 3 } }],
      [12, 20, 1, { lastPart: true, candidate: { index: 2, of: 3 } }],
    ]);
    for (const [c, call] of calls.slice(1).entries()) {
      const melody = call.req.notes.filter((n) => n.track === "melody" && n.start >= 4 * BAR && n.start < 12 * BAR);
      expect(melody.map((n) => n.pitch)).toEqual(Array(8).fill(100 + c)); // its own first part, not the old notes
      const later = call.req.notes.filter((n) => n.track === "melody" && n.start >= 12 * BAR);
      expect(later).toHaveLength(12 * 4); // bars 12-24 as they were: the part's own old notes go as it writes
      expect(call.req.seed).not.toBe(req.seed);
    }
    expect(res.candidates.map((c) => c.length)).toEqual([16, 16, 16]);
    expect(res.candidates.map((c) => new Set(c.map((n) => n.pitch)))).toEqual([new Set([100]), new Set([101]), new Set([102])]);
    expect(streamed.filter(([c, p]) => p !== 100 + c)).toEqual([]); // each note under its own candidate
    expect(streamed).toHaveLength(48);
    expect(res.tokens).toBe(40);
  });

  it("keeps one deadline for the whole request", async () => {
    const { run } = recordingRun();
    const slow = async (req: InferenceRequest, part: PartOptions) => {
      await new Promise((r) => setTimeout(r, 30));
      return run(req, part);
    };
    const req = testRequest({ notes: testPiece(24), region: REGION, candidates: 2, timeoutMs: 50 });
    await expect(generateInParts(slow, req, regionParts(REGION, 16))).rejects.toThrow(new InferenceTimeoutError(50).message);
  });
});

describe("generate on a region as long as the window (fake model)", () => {
  const deps = { runner: createFakeRunner({}), manifest: { ...FAKE_MANIFEST, maxWindowBars: 16 }, log: silent };

  it("writes all 16 bars in parts, within every constraint, the same for the same seed", async () => {
    const req = testRequest({ notes: testPiece(24), candidates: 2, region: { startBar: 4, endBar: 20, pitchLo: 40, pitchHi: 90, trackIds: ["melody", "bass"] } });
    const streamed: [number, Note][] = [];
    const res = await generate(deps, { ...req, onNote: (c, n) => streamed.push([c, n]) });
    expect(constraintViolations(req, res)).toEqual([]);
    for (const cand of res.candidates) {
      expect(cand.some((n) => n.start < 12 * BAR)).toBe(true);
      expect(cand.some((n) => n.start >= 12 * BAR)).toBe(true);
    }
    expect(streamed.map(([c, n]) => [c, n.start, n.pitch]).sort()).toEqual(res.candidates.flatMap((cand, c) => cand.map((n) => [c, n.start, n.pitch])).sort());
    expect((await generate(deps, req)).candidates).toEqual(res.candidates);
  });

  it("continues 16 bars after the piece's end in parts, the second after the first", async () => {
    const req = testRequest({ mode: "continue", candidates: 2, region: { startBar: 16, endBar: 32, pitchLo: 0, pitchHi: 127, trackIds: ["melody", "drums"] } });
    const res = await generate(deps, req);
    expect(constraintViolations(req, res)).toEqual([]);
    for (const cand of res.candidates) expect([cand.some((n) => n.start < 24 * BAR), cand.some((n) => n.start >= 24 * BAR)]).toEqual([true, true]);
  });

  it("names the bars asked for when the request is wrong", async () => {
    const req = testRequest({ notes: testPiece(24), region: { startBar: 10, endBar: 26, pitchLo: 0, pitchHi: 127, trackIds: ["melody"] } });
    await expect(generate(deps, req)).rejects.toThrow(/\[10, 26\) must lie inside the piece/);
  });
});
