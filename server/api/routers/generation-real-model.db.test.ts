/**
 * The generation router with the model as the server runs it (server/app.ts): the shipped model on its own thread,
 * not the fake. A request goes all the way to candidates, and the notes the router streams (onNote, and the
 * onRestart it passes for the queue's retries) cross to the thread without trouble.
 */
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { docMaps } from "../../../lib/doc-schema";
import { createInferenceThread } from "../../inference/thread";
import { createCollabTestWorld, type CollabTestWorld } from "../collab-test-world";
import { DEFAULT_MODEL_DIR } from "../../inference/default-model";

let world: CollabTestWorld;
beforeAll(async () => {
  world = await createCollabTestWorld({ generationTimeoutMs: 60_000 });
  const log = { info() {}, warn() {} };
  world.services.inference = await createInferenceThread({ modelDir: path.resolve(import.meta.dirname, "../../..", DEFAULT_MODEL_DIR), provider: "cpu", threads: 1, log });
});
afterAll(async () => {
  await world.services.inference.close();
  await world.close();
});

it("writes candidates with the shipped model on its thread, and shows them to everyone in the piece", async () => {
  const ada = await world.signUp("Ada");
  const { id: pieceId } = await ada.api.piece.create({ title: "With the real model" });
  const line = [60, 64, 67, 72, 67, 64, 60, 55].map((p, i) => ({ track: "melody", pitch: p, start: i * 480, duration: 480, velocity: 80 }));
  await world.drawNotes(pieceId, ada, [...line, ...line.map((n) => ({ ...n, start: n.start + 4 * 1920 }))]);
  const region = { startBar: 2, endBar: 4, pitchLo: 0, pitchHi: 127, trackIds: ["melody"] };
  const { generationId, candidates } = await ada.api.generation.request({ pieceId, mode: "infill", region, candidates: 2, temperature: 1, seed: 3 });
  expect(candidates.length).toBeGreaterThan(0);
  expect(candidates.flat().every((n) => n.track === "melody" && n.start >= 2 * 1920 && n.start < 4 * 1920)).toBe(true);
  const view = await world.collab.readDoc(pieceId, (d) => docMaps(d).generations.get(generationId));
  expect(view).toMatchObject({ status: "ready", candidates });
});
