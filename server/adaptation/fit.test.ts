import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildStyleMemory, DEFAULT_ORDER } from "../../models/adapt/build-style-memory";
import { TRACKS, META } from "../inference/test-piece";
import { createStyleFitter } from "./fit";
import { DEFAULT_MODEL_DIR } from "../inference/default-model";

const MODEL_DIR = path.resolve(import.meta.dirname, "../..", DEFAULT_MODEL_DIR);
const pieces = ["x", "y"].map((id, k) => ({
  id,
  tracks: TRACKS,
  meta: META,
  notes: Array.from({ length: 64 }, (_, i) => ({ track: "melody", pitch: 62 + ((i * (k + 3)) % 9), start: i * 240, duration: 240, velocity: 90 })),
}));

describe("fitting a style on its thread", () => {
  it("fits an exponent per grammar state and history length with the shipped model, reporting its progress up to all", async () => {
    const built = buildStyleMemory(pieces, { tokenizer: "tandem-fim-1" });
    const seen: number[] = [];
    const weights = await createStyleFitter({ modelDir: MODEL_DIR })(built, pieces, async (s) => void seen.push(s));
    expect(Object.values(weights).every((row) => row.length === DEFAULT_ORDER && row.every((w) => w >= 0 && w <= 4))).toBe(true);
    expect(seen).toEqual([0.5, 1]);
  });

  it("fails naming what is wrong when the model cannot be opened", async () => {
    const built = buildStyleMemory(pieces, { tokenizer: "tandem-fim-1" });
    await expect(createStyleFitter({ modelDir: "/nonexistent/model" })(built, pieces)).rejects.toThrow(/nonexistent/);
  });
});
