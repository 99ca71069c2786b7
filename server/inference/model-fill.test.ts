/**
 * What a person asking the shipped model for one track gets (issue 11): candidates that differ, and notes where the
 * rest of the piece calls for them, even after bars of silence. On held-out pop909 songs (valid split), as
 * `npm run generate -- --infill 9-12 --tracks melody --candidates 3` asks, and on the test piece.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NoteWithId } from "../../lib/doc-schema";
import { ticksPerBar } from "../../lib/time";
import { parseMidiFile } from "../../lib/midi/read";
import { loadPiece } from "../../models/eval/pieces";
import { datasetsDir } from "../../models/prepare/datasets-dir";
import type { Inference, InferenceRequest } from "./types";
import { createInference } from "./index";
import { META, constraintViolations, testPiece, testRequest } from "./test-piece";
import { DEFAULT_MODEL_DIR } from "./default-model";

const SHIPPED = path.resolve(import.meta.dirname, "../..", DEFAULT_MODEL_DIR);
const BAR = ticksPerBar(META);
const REGION = { startBar: 8, endBar: 12, pitchLo: 0, pitchHi: 127, trackIds: ["melody"] };
const inRegion = (n: NoteWithId) => n.track === "melody" && n.start >= REGION.startBar * BAR && n.start < REGION.endBar * BAR;
const key = (notes: { start: number; pitch: number; duration: number }[]) => notes.map((n) => `${n.start}/${n.pitch}/${n.duration}`).join(" ");

/** Bars 9-12 of the melody of a pop909 valid song, every other note as context, at the CLI's defaults. */
function pop909MelodyFill(song: string): InferenceRequest {
  const piece = loadPiece(path.join(datasetsDir(), `pop909/POP909/${song}/${song}.mid`), "pop909");
  if (!piece) throw new Error(`pop909 song ${song} did not load`);
  const notes = piece.notes.filter((n) => !inRegion(n));
  return { mode: "infill", notes, tracks: piece.tracks, meta: piece.meta, region: REGION, candidates: 3, temperature: 0.9, topP: 0.95, seed: 1, timeoutMs: 60_000 };
}

describe("the shipped model filling one track", () => {
  let inference: Inference;
  beforeAll(async () => {
    inference = await createInference({ modelDir: SHIPPED, provider: "cpu", log: { info: () => {}, warn: () => {} }, threads: 2 });
  });
  afterAll(() => inference?.close());

  it("gives three different melodies for one seeded request", async () => {
    const req = pop909MelodyFill("136"); // all three were the same notes
    const res = await inference.generate(req);
    expect(constraintViolations(req, res)).toEqual([]);
    expect(res.candidates.every((c) => c.length > 0)).toBe(true);
    expect(new Set(res.candidates.map(key)).size).toBe(3);
  });

  it("writes a melody after an intro without one, where the rest of the piece has one", async () => {
    const song = await inference.generate(pop909MelodyFill("003")); // the melody enters in bar 9: all three were empty
    expect(song.candidates.map((c) => c.length >= 8)).toEqual([true, true, true]);
    const notes = testPiece().filter((n) => n.track !== "melody" || n.start >= 12 * BAR); // the melody enters after the region
    const req = testRequest({ notes, candidates: 3, region: REGION, timeoutMs: 60_000 });
    const res = await inference.generate(req);
    expect(constraintViolations(req, res)).toEqual([]);
    expect(res.candidates.map((c) => c.length >= 4)).toEqual([true, true, true]); // the piece plays 4 a bar
  });

  it("writes a 16-bar region, as long as its window, from the music around it", async () => {
    // One window held the region alone: `--infill 5-20` on this song wrote nothing for seeds 1 and 3.
    const file = path.resolve(import.meta.dirname, "../../lib/midi/fixtures/pop909-001.mid");
    const piece = parseMidiFile(readFileSync(file), file);
    const bar = ticksPerBar(piece.meta);
    const region = { startBar: 4, endBar: 20, pitchLo: 0, pitchHi: 127, trackIds: piece.tracks.map((t) => t.id) };
    for (const seed of [1, 3]) {
      const req: InferenceRequest = { mode: "infill", notes: piece.notes, tracks: piece.tracks, meta: piece.meta, region, candidates: 1, temperature: 1, topP: 0.95, seed, timeoutMs: 120_000 };
      const res = await inference.generate(req);
      const [notes] = res.candidates;
      expect(notes.filter((n) => n.start < 4 * bar || n.start + n.duration > 20 * bar)).toEqual([]); // the checker's bars are the test piece's
      expect([notes.some((n) => n.start < 12 * bar), notes.some((n) => n.start >= 12 * bar)]).toEqual([true, true]);
    }
  });
});
