/**
 * A style learned from a few pieces (its exponents fitted with the shipped model, as the server does) changes what the
 * model writes at the same seed (on its thread, as the server runs it).
 */
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { adaptations } from "../../../db/schema";
import { defaultWeights, DEFAULT_ORDER } from "../../../models/adapt/build-style-memory";
import { createStyleFitter } from "../../adaptation/fit";
import type { Note } from "../../../lib/doc-schema";
import { createInferenceThread } from "../../inference/thread";
import { createCollabTestWorld, type CollabTestWorld } from "../collab-test-world";
import { DEFAULT_MODEL_DIR } from "../../inference/default-model";

let world: CollabTestWorld;
beforeAll(async () => {
  world = await createCollabTestWorld({ generationTimeoutMs: 60_000 });
  const log = { info() {}, warn() {} };
  const modelDir = path.resolve(import.meta.dirname, "../../..", DEFAULT_MODEL_DIR);
  world.services.inference = await createInferenceThread({ modelDir, provider: "cpu", threads: 1, log });
  world.services.styleFitter = createStyleFitter({ modelDir }); // as server/app.ts gives it
});
afterAll(async () => {
  await world.services.inference.close();
  await world.close();
});

/** A whole-tone random walk in a dotted rhythm, different in every piece: a style the model does not write by itself. */
function walk(seed: number): Note[] {
  let x = seed * 7919;
  let pitch = 66;
  const out: Note[] = [];
  for (let i = 0, t = 0; i < 96; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    pitch += [-4, -2, 2, 4][x % 4];
    if (pitch < 58) pitch += 8;
    if (pitch > 82) pitch -= 8;
    const duration = i % 2 ? 120 : 360;
    out.push({ track: "melody", pitch, start: t, duration, velocity: 90 });
    t += duration;
  }
  return out;
}

/** Eighth notes over `bars` bars of the melody track, cycling through `pitches`. */
const line = (pitches: number[], bars: number, from = 0): Note[] =>
  Array.from({ length: bars * 8 }, (_, i) => ({ track: "melody", pitch: pitches[i % pitches.length], start: from + i * 240, duration: 240, velocity: 90 }));

it("a seeded generation with an adaptation differs from one without", async () => {
  const ada = await world.signUp("Ada");
  const band = [];
  for (let k = 1; k <= 6; k++) {
    const { id } = await ada.api.piece.create({ title: `Walk ${k}` });
    await world.drawNotes(id, ada, walk(k));
    band.push(id);
  }
  const made = await ada.api.adaptation.create({ name: "Walks", pieceIds: band });
  const until = Date.now() + 60_000;
  while ((await ada.api.adaptation.get({ id: made.id })).status === "building" && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  expect((await ada.api.adaptation.get({ id: made.id })).status).toBe("ready");
  // Fitted with the model on the pieces themselves: not the builder's defaults.
  const [row] = await world.handle.db.select().from(adaptations).where(eq(adaptations.id, made.id));
  expect((row.artifact as { weights: unknown }).weights).not.toEqual(defaultWeights(DEFAULT_ORDER));

  const { id: pieceId } = await ada.api.piece.create({ title: "New tune" });
  await world.drawNotes(pieceId, ada, [...line([60, 62, 64, 65], 2), ...line([67, 65, 64, 62], 1, 4 * 1920)]);
  // Without the repetition expert, which follows the piece's own bars closely whatever the style says.
  const ask = { pieceId, mode: "infill" as const, region: { startBar: 2, endBar: 4, pitchLo: 0, pitchHi: 127, trackIds: ["melody"] }, candidates: 2, temperature: 1, repetition: 0, seed: 11 };
  const base = await ada.api.generation.request(ask);
  const again = await ada.api.generation.request(ask);
  expect(again.candidates).toEqual(base.candidates); // seeded: the same without the style
  const styled = await ada.api.generation.request({ ...ask, adaptationId: made.id });
  expect(styled.candidates.flat().length).toBeGreaterThan(0);
  expect(styled.candidates).not.toEqual(base.candidates);
}, 120_000);
