/** Steering through the generation router: controls and a mood reach the model and are recorded with the request. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generations } from "../../../db/schema";
import { GENERATION_LIMITS } from "../../../lib/generation";
import { createCollabTestWorld, type CollabTestWorld } from "../collab-test-world";

describe("generation router: steering", () => {
  let world: CollabTestWorld;
  beforeAll(async () => {
    world = await createCollabTestWorld();
  });
  afterAll(() => world.close());

  it("sends the controls, with a mood under them on the piece's tonic, and records them in the settings", async () => {
    const ada = await world.signUp("Ada");
    const { id: pieceId } = await ada.api.piece.create({ title: "Steered" });
    // an A minor arpeggio over four bars, so the piece's tonic is A
    const line = [57, 60, 64, 69, 64, 60, 57, 52].flatMap((p, i) => [0, 1].map((b) => ({ track: "melody", pitch: p, start: (b * 8 + i) * 480, duration: 480, velocity: 80 })));
    await world.drawNotes(pieceId, ada, line);
    const region = { startBar: 4, endBar: 6, pitchLo: 0, pitchHi: 127, trackIds: ["melody"] };
    const { generationId } = await ada.api.generation.request({
      pieceId, mode: "continue", region, candidates: 1, temperature: 1, mood: "dark", controls: { energy: 3, style: "jazz" },
    });
    const sent = world.inference.requests.at(-1)!;
    expect(sent.controls).toEqual({ register: 1, density: 2, energy: 3, style: "jazz", key: { tonic: 9, mode: "minor" } });
    const [row] = await world.handle.db.select().from(generations).where(eq(generations.id, generationId));
    expect(row.settings).toMatchObject({ controls: sent.controls });
    // Guidance at its default (1: as learned), sent and recorded, as a mood alone asks controls too
    expect(sent.guidance).toBe(GENERATION_LIMITS.guidance.default);
    expect(row.settings).toMatchObject({ guidance: GENERATION_LIMITS.guidance.default });
    const moodOnly = await ada.api.generation.request({ pieceId, mode: "continue", region, candidates: 1, temperature: 1, mood: "calm", guidance: 1.5 });
    const [mood] = await world.handle.db.select().from(generations).where(eq(generations.id, moodOnly.generationId));
    expect(world.inference.requests.at(-1)!.guidance).toBe(1.5);
    expect(mood.settings).toMatchObject({ guidance: 1.5 });
  });

  it("records no guidance where nothing is steered, and refuses one out of range", async () => {
    const cy = await world.signUp("Cy");
    const { id: pieceId } = await cy.api.piece.create({ title: "Unsteered" });
    const region = { startBar: 0, endBar: 1, pitchLo: 0, pitchHi: 127, trackIds: ["melody"] };
    const base = { pieceId, mode: "infill" as const, region, candidates: 1, temperature: 1 };
    const { generationId } = await cy.api.generation.request({ ...base, guidance: 4 });
    const [row] = await world.handle.db.select().from(generations).where(eq(generations.id, generationId));
    expect(row.settings).not.toHaveProperty("guidance");
    await expect(cy.api.generation.request({ ...base, guidance: 9 })).rejects.toThrow(/guidance must be 1..8/);
  });

  it("refuses an unknown mood or an out-of-range bucket with the field named", async () => {
    const bo = await world.signUp("Bo");
    const { id: pieceId } = await bo.api.piece.create({ title: "Bad steering" });
    const region = { startBar: 0, endBar: 1, pitchLo: 0, pitchHi: 127, trackIds: ["melody"] };
    const base = { pieceId, mode: "infill" as const, region, candidates: 1, temperature: 1 };
    await expect(bo.api.generation.request({ ...base, mood: "sleepy" as never })).rejects.toThrow(/mood/);
    await expect(bo.api.generation.request({ ...base, controls: { density: 9 } })).rejects.toThrow(/density/);
  });
});
