import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adaptations, adaptationSources, generations } from "../../../db/schema";
import { adaptationOf } from "../../../lib/adaptation-credit";
import type { Note } from "../../../lib/doc-schema";
import { buildDisclosure } from "../../authorship/exports/disclosure";
import { computeFigures } from "../../authorship/exports/figures";
import { loadPieceExport } from "../../authorship/exports/load";
import { createCollabTestWorld, type CollabTestWorld, type Person } from "../collab-test-world";

const forbidden = (e: unknown) => e instanceof TRPCError && e.code === "FORBIDDEN";
const notFound = (e: unknown) => e instanceof TRPCError && e.code === "NOT_FOUND";

async function waitFor(cond: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A one-bar riff repeated for `bars` bars on the melody track. */
const riff = (pitches: number[], bars: number): Note[] =>
  Array.from({ length: bars }, (_, b) => pitches.map((pitch, i) => ({ track: "melody", pitch, start: b * 1920 + i * 480, duration: 480, velocity: 90 }))).flat();

const region = { startBar: 2, endBar: 4, pitchLo: 60, pitchHi: 72, trackIds: ["melody"] };

describe("adaptation router: learning our style, using it, crediting it", () => {
  let world: CollabTestWorld;
  let ada: Person; // owns the band's pieces
  let bo: Person; // a member of both
  let cy: Person; // a member of one source only, and of the piece being written
  let band1: string;
  let band2: string;
  let target: string;
  const ready = (who: Person, id: string) => waitFor(async () => (await who.api.adaptation.get({ id })).status !== "building");

  beforeAll(async () => {
    world = await createCollabTestWorld();
    [ada, bo, cy] = [await world.signUp("Ada"), await world.signUp("Bo"), await world.signUp("Cy")];
    ({ id: band1 } = await ada.api.piece.create({ title: "Blues in F" }));
    ({ id: band2 } = await ada.api.piece.create({ title: "Night Train" }));
    ({ id: target } = await ada.api.piece.create({ title: "New Song" }));
    for (const p of [band1, band2, target]) await bo.api.piece.acceptInvite(await ada.api.piece.createInvite({ pieceId: p, role: "editor" }));
    for (const p of [band1, target]) await cy.api.piece.acceptInvite(await ada.api.piece.createInvite({ pieceId: p, role: "editor" }));
    await world.drawNotes(band1, ada, riff([65, 68, 70, 72], 8));
    await world.drawNotes(band2, bo, riff([65, 68, 70, 72], 6));
    await world.drawNotes(target, ada, riff([60, 62], 8));
  });
  afterAll(() => world.close());

  it("builds in the background from the pieces, to ready with progress 100 and the artifact stored", async () => {
    const made = await bo.api.adaptation.create({ name: "The Band", pieceIds: [band1, band2] });
    expect(made).toMatchObject({ name: "The Band", version: 1, method: "style-memory", mine: true, pieceIds: [band1, band2] });
    await ready(bo, made.id);
    expect(await bo.api.adaptation.get({ id: made.id })).toMatchObject({ status: "ready", progress: 100, error: null });
    const [row] = await world.handle.db.select().from(adaptations).where(eq(adaptations.id, made.id));
    expect(row.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect((row.artifact as { sources: { pieceId: string }[] }).sources.map((s) => s.pieceId)).toEqual([band1, band2]);
    // The same name again is the next version.
    const again = await bo.api.adaptation.create({ name: "The Band", pieceIds: [band1] });
    expect(again.version).toBe(2);
    await ready(bo, again.id);
    await bo.api.adaptation.delete({ id: again.id });
  });

  it("learns from 20 pieces of 16 bars in seconds, the progress rising to 100", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const { id } = await ada.api.piece.create({ title: `Song ${i + 1}` });
      await world.drawNotes(id, ada, riff([60 + (i % 5), 64, 67, 72 - (i % 3)], 16));
      ids.push(id);
    }
    const started = performance.now();
    const made = await ada.api.adaptation.create({ name: "Twenty", pieceIds: ids });
    expect(performance.now() - started).toBeLessThan(2000); // answered before the build, which runs in the background
    await expect(ada.api.adaptation.create({ name: "Another", pieceIds: [ids[0]] })).rejects.toThrow(/“Twenty” is still being learned/);
    const seen = new Set<number>();
    await waitFor(async () => {
      const a = await ada.api.adaptation.get({ id: made.id });
      seen.add(a.progress);
      return a.status !== "building";
    }, 60_000);
    const took = performance.now() - started;
    expect(await ada.api.adaptation.get({ id: made.id })).toMatchObject({ status: "ready", progress: 100 });
    expect(took).toBeLessThan(30_000);
    expect([...seen].some((p) => p > 0 && p < 100)).toBe(true);
    await ada.api.adaptation.delete({ id: made.id });
  });

  it("only people who may read every source piece see it or use it", async () => {
    const { id } = (await bo.api.adaptation.list()).find((a) => a.name === "The Band")!;
    await expect(cy.api.adaptation.create({ name: "Mine", pieceIds: [band2] })).rejects.toSatisfy(forbidden);
    expect((await cy.api.adaptation.list()).map((a) => a.id)).not.toContain(id);
    expect((await cy.api.adaptation.list({ pieceId: target })).map((a) => a.id)).not.toContain(id);
    expect((await ada.api.adaptation.list({ pieceId: target })).map((a) => a.id)).toContain(id);
    await expect(cy.api.adaptation.get({ id })).rejects.toSatisfy(forbidden);
    const refused = cy.api.generation.request({ pieceId: target, mode: "infill", region, candidates: 1, temperature: 1, adaptationId: id });
    await expect(refused).rejects.toThrow(/may not use this style.*pieces you cannot read/);
    await expect(refused).rejects.toSatisfy(forbidden);
    // Nor may anyone but its maker delete it.
    await expect(ada.api.adaptation.delete({ id })).rejects.toSatisfy(forbidden);
  });

  it("a generation with it records the adaptation and its sources; the note history and the disclosure name them", async () => {
    const { id } = (await ada.api.adaptation.list()).find((a) => a.name === "The Band")!;
    // The fake model writes at the region's lowest pitch: above the piece's own notes, so the accept adds notes.
    const { generationId } = await ada.api.generation.request({ pieceId: target, mode: "infill", region: { ...region, pitchLo: 66 }, candidates: 1, temperature: 1, seed: 3, adaptationId: id });
    expect(world.inference.requests.at(-1)?.style?.sources.map((s) => s.pieceId)).toEqual([band1, band2]);
    const [g] = await world.handle.db.select().from(generations).where(eq(generations.id, generationId));
    expect(adaptationOf(g.settings)).toMatchObject({
      id,
      name: "The Band",
      version: 1,
      sources: [
        { pieceId: band1, title: "Blues in F", people: [{ id: ada.user.id, name: "Ada" }] },
        { pieceId: band2, title: "Night Train", people: [{ id: bo.user.id, name: "Bo" }] },
      ],
    });
    const { noteIds } = await ada.api.generation.accept({ pieceId: target, generationId, candidateIndex: 0 });
    expect(noteIds.length).toBeGreaterThan(0);
    const history = await bo.api.authorship.noteHistory({ pieceId: target, noteId: noteIds[0] });
    expect(history.events[0].summary).toContain("in our style: The Band v1, learned from 2 pieces by Ada and Bo");

    const report = await bo.api.authorship.report({ pieceId: target });
    expect(report.timeline.find((e) => e.kind === "accepted")?.actorName).toContain("accepted by Ada; in our style: The Band v1, learned from 2 pieces by Ada and Bo");

    const x = (await loadPieceExport({ db: world.handle.db, collab: world.collab }, target))!;
    const d = buildDisclosure(x, computeFigures(x));
    expect(d.adaptedContributions).toEqual([
      expect.objectContaining({ generationId, shapedBy: ["Ada", "Bo"], aiNotesInPiece: noteIds.length, sources: [{ title: "Blues in F", people: ["Ada"] }, { title: "Night Train", people: ["Bo"] }] }),
    ]);
  });

  it("pieces without notes fail the build, saying why; a failed or unfinished style cannot be used", async () => {
    const { id: blank } = await ada.api.piece.create({ title: "Blank" });
    const made = await ada.api.adaptation.create({ name: "Nothing", pieceIds: [blank] });
    await ready(ada, made.id);
    expect(await ada.api.adaptation.get({ id: made.id })).toMatchObject({ status: "failed", error: expect.stringMatching(/needs at least one piece with notes/) });
    const ask = ada.api.generation.request({ pieceId: target, mode: "infill", region, candidates: 1, temperature: 1, adaptationId: made.id });
    await expect(ask).rejects.toThrow(/could not be learned/);
    await ada.api.adaptation.delete({ id: made.id });
  });

  it("delete removes the row, its artifact and its sources (maker only)", async () => {
    const made = await ada.api.adaptation.create({ name: "Short-lived", pieceIds: [band1] });
    await ready(ada, made.id);
    await ada.api.adaptation.delete({ id: made.id });
    expect(await world.handle.db.select().from(adaptations).where(eq(adaptations.id, made.id))).toEqual([]);
    expect(await world.handle.db.select().from(adaptationSources).where(eq(adaptationSources.adaptationId, made.id))).toEqual([]);
    await expect(ada.api.adaptation.get({ id: made.id })).rejects.toSatisfy(notFound);
  });
});
