/**
 * Method B in the product: a style fine-tuned on a few pieces (the server's own PyTorch, models/adapt/adapt_network.py)
 * is stored as a network in the database, changes what the model writes at the same seed (on its thread, as the server
 * runs it), credits its sources, is refused to people who cannot read them, and goes with its network when deleted.
 * A server whose python cannot import torch says so, and "auto" learns a style memory there instead.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adaptationNetworks, adaptations, generations } from "../../../db/schema";
import { adaptationOf } from "../../../lib/adaptation-credit";
import type { Note } from "../../../lib/doc-schema";
import { createFineTuner } from "../../adaptation/fine-tune";
import { DEFAULT_MODEL_DIR } from "../../inference/default-model";
import { createInferenceThread } from "../../inference/thread";
import { createCollabTestWorld, type CollabTestWorld, type Person } from "../collab-test-world";

const modelDir = path.resolve(import.meta.dirname, "../../..", DEFAULT_MODEL_DIR);

/** A one-bar riff of dotted notes, repeated: a style the model does not write by itself. */
const riff = (pitches: number[], bars: number): Note[] =>
  Array.from({ length: bars }, (_, b) => pitches.map((pitch, i) => ({ track: "melody", pitch, start: b * 1920 + i * 360, duration: 360, velocity: 90 }))).flat();

async function waitReady(who: Person, id: string, seen?: Set<number>): Promise<void> {
  const until = Date.now() + 150_000;
  for (;;) {
    const a = await who.api.adaptation.get({ id });
    seen?.add(a.progress);
    if (a.status !== "building") return;
    if (Date.now() > until) throw new Error("the fine-tune did not finish");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("a style learned by fine-tuning the model", () => {
  let world: CollabTestWorld;
  let ada: Person; // owns the band's pieces
  let cy: Person; // may read the new piece, not the band's
  const band: string[] = [];
  let target: string;

  beforeAll(async () => {
    world = await createCollabTestWorld({ generationTimeoutMs: 60_000 });
    const log = { info() {}, warn() {} };
    world.services.inference = await createInferenceThread({ modelDir, provider: "cpu", threads: 1, log });
    // A short, strong fine-tune with the guard opened wide: enough to move the model in a test's time. A step budget,
    // not seconds: 4 s of training on a host running both database passes made too few steps to keep one (bestStep 0).
    world.services.fineTuner = createFineTuner({ modelDir, settings: { steps: 20, lr: 1e-3, evalEvery: 5, guardTolerance: 1 } });
    [ada, cy] = [await world.signUp("Ada"), await world.signUp("Cy")];
    for (const [k, pitches] of [[61, 66, 70, 73, 78], [63, 66, 70, 75, 78], [61, 68, 73, 75, 80]].entries()) {
      const { id } = await ada.api.piece.create({ title: `Riff ${k + 1}` });
      await world.drawNotes(id, ada, riff(pitches, 8));
      band.push(id);
    }
    ({ id: target } = await ada.api.piece.create({ title: "New tune" }));
    await cy.api.piece.acceptInvite(await ada.api.piece.createInvite({ pieceId: target, role: "editor" }));
    await world.drawNotes(target, ada, [...riff([60, 64, 67, 72, 67], 2), ...riff([62, 65, 69, 74, 69], 2).map((n) => ({ ...n, start: n.start + 4 * 1920 }))]);
  }, 60_000);
  afterAll(async () => {
    world.services.fineTuner?.close();
    await world.services.inference.close();
    await world.close();
  });

  it("is built in the background, its progress rising, its network stored in the database", async () => {
    expect(await ada.api.adaptation.methods()).toEqual([
      { method: "fine-tune", available: true, reason: null },
      { method: "style-memory", available: true, reason: null },
    ]);
    const made = await ada.api.adaptation.create({ name: "Riffs", pieceIds: band }); // "auto": this server can fine-tune
    expect(made).toMatchObject({ method: "fine-tune", status: "building", version: 1 });
    const seen = new Set<number>();
    await waitReady(ada, made.id, seen);
    expect(await ada.api.adaptation.get({ id: made.id })).toMatchObject({ status: "ready", progress: 100, error: null });
    expect([...seen].some((p) => p > 10 && p < 100)).toBe(true);
    const [net] = await world.handle.db.select().from(adaptationNetworks).where(eq(adaptationNetworks.adaptationId, made.id));
    expect(net.fingerprint).toBe(createHash("sha256").update(net.patch).digest("hex"));
    expect(net.patch.byteLength).toBeGreaterThan(1_000_000); // the last block and the final LayerNorm
    const [row] = await world.handle.db.select().from(adaptations).where(eq(adaptations.id, made.id));
    expect(row.fingerprint).toBe(net.fingerprint);
    expect(row.artifact).toMatchObject({ kind: "fine-tune", sources: band.map((pieceId) => ({ pieceId })), network: { fingerprint: net.fingerprint } });
    expect((row.artifact as { stats: { bestStep: number } }).stats.bestStep).toBeGreaterThan(0);
    expect((await ada.api.adaptation.get({ id: made.id })).note).toBeNull();
  }, 180_000);

  it("keeps the model's own weights when no step beats them by the minimum gain, says so, and stores no network", async () => {
    const tuner = world.services.fineTuner;
    world.services.fineTuner = createFineTuner({ modelDir, settings: { steps: 10, lr: 1e-3, evalEvery: 5, guardTolerance: 1, minGain: 0.99 } });
    try {
      const eve = await world.signUp("Eve"); // a context made from the services as they are now
      const { id: mine } = await eve.api.piece.create({ title: "Eve's riff" });
      await world.drawNotes(mine, eve, riff([61, 66, 70, 73, 78], 8));
      const made = await eve.api.adaptation.create({ name: "Riffs", pieceIds: [mine] });
      await waitReady(eve, made.id);
      const [row] = await world.handle.db.select().from(adaptations).where(eq(adaptations.id, made.id));
      expect(row.artifact).toMatchObject({ stats: { bestStep: 0, steps: 10 }, network: null });
      expect((await eve.api.adaptation.get({ id: made.id })).note).toMatch(/already writes these pieces/);
      // No network stored: it writes as the model's own at the same seed, and still credits its piece.
      expect(await world.handle.db.select().from(adaptationNetworks).where(eq(adaptationNetworks.adaptationId, made.id))).toEqual([]);
      const ask = { pieceId: mine, mode: "infill" as const, region: { startBar: 3, endBar: 5, pitchLo: 0, pitchHi: 127, trackIds: ["melody"] }, candidates: 1, temperature: 1, seed: 5 };
      const own = await eve.api.generation.request(ask);
      const styled = await eve.api.generation.request({ ...ask, adaptationId: made.id });
      expect(own.candidates.flat().length).toBeGreaterThan(0);
      expect(styled.candidates).toEqual(own.candidates);
      const [g] = await world.handle.db.select().from(generations).where(eq(generations.id, styled.generationId));
      expect(adaptationOf(g.settings)).toMatchObject({ id: made.id, method: "fine-tune", sources: [{ pieceId: mine, title: "Eve's riff" }] });
    } finally {
      world.services.fineTuner?.close();
      world.services.fineTuner = tuner;
    }
  }, 180_000);

  it("changes what the model writes at the same seed, and credits the pieces and people it learned from", async () => {
    const { id } = (await ada.api.adaptation.list()).find((a) => a.name === "Riffs")!;
    const ask = { pieceId: target, mode: "infill" as const, region: { startBar: 2, endBar: 4, pitchLo: 0, pitchHi: 127, trackIds: ["melody"] }, candidates: 2, temperature: 1, seed: 11 };
    const base = await ada.api.generation.request(ask);
    expect((await ada.api.generation.request(ask)).candidates).toEqual(base.candidates); // seeded
    const tuned = await ada.api.generation.request({ ...ask, adaptationId: id });
    expect(tuned.candidates.flat().length).toBeGreaterThan(0);
    expect(tuned.candidates).not.toEqual(base.candidates);
    const [g] = await world.handle.db.select().from(generations).where(eq(generations.id, tuned.generationId));
    expect(adaptationOf(g.settings)).toMatchObject({
      id,
      name: "Riffs",
      method: "fine-tune",
      sources: band.map((pieceId, k) => ({ pieceId, title: `Riff ${k + 1}`, people: [{ id: ada.user.id, name: "Ada" }] })),
    });
  }, 120_000);

  it("is refused to someone who cannot read its pieces, and deleting it deletes its network", async () => {
    const { id } = (await ada.api.adaptation.list()).find((a) => a.name === "Riffs")!;
    const refused = cy.api.generation.request({ pieceId: target, mode: "infill", region: { startBar: 2, endBar: 4, pitchLo: 0, pitchHi: 127, trackIds: ["melody"] }, candidates: 1, temperature: 1, adaptationId: id });
    await expect(refused).rejects.toThrow(/may not use this style/);
    await expect(refused).rejects.toSatisfy((e) => e instanceof TRPCError && e.code === "FORBIDDEN");
    await ada.api.adaptation.delete({ id });
    expect(await world.handle.db.select().from(adaptationNetworks).where(eq(adaptationNetworks.adaptationId, id))).toEqual([]);
    expect(await world.handle.db.select().from(adaptations).where(eq(adaptations.id, id))).toEqual([]);
  });

  it("where python cannot import torch, says so; auto learns a style memory there", async () => {
    world.services.fineTuner = createFineTuner({ modelDir, python: "/nonexistent/python3" });
    const dee = await world.signUp("Dee"); // a context made from the services as they are now
    const { id: mine } = await dee.api.piece.create({ title: "Dee's riff" });
    await world.drawNotes(mine, dee, riff([60, 63, 67, 70, 72], 8));
    const [fine] = await dee.api.adaptation.methods();
    expect(fine).toMatchObject({ method: "fine-tune", available: false, reason: expect.stringMatching(/needs PyTorch.*apt install python3-torch/) });
    await expect(dee.api.adaptation.create({ name: "Riffs B", pieceIds: [mine], method: "fine-tune" })).rejects.toThrow(/needs PyTorch.*style memory instead/);
    const made = await dee.api.adaptation.create({ name: "Riffs B", pieceIds: [mine] });
    expect(made.method).toBe("style-memory");
    await waitReady(dee, made.id);
    expect((await dee.api.adaptation.get({ id: made.id })).status).toBe("ready");
  }, 60_000);
});
