import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { generations } from "../../../db/schema";
import { docMaps, type Note } from "../../../lib/doc-schema";
import { createCollabTestWorld, type CollabTestWorld, type Person } from "../collab-test-world";
import { FAKE_MODEL } from "../fake-inference";

/** Requests that cannot give music say so: nothing empty is shown as a result or counted as a rejection. */
describe("generation requests without music", () => {
  let world: CollabTestWorld;
  let ada: Person;
  let pieceId: string;
  const melody = (bar: number): Note => ({ track: "melody", pitch: 64, start: bar * 1920, duration: 480, velocity: 90 });
  const region = { startBar: 1, endBar: 3, pitchLo: 48, pitchHi: 84, trackIds: ["melody"] };
  const views = () => world.collab.readDoc(pieceId, (doc) => [...docMaps(doc).generations.values()]);
  const rowOf = async (id: string) => (await world.handle.db.select().from(generations).where(eq(generations.id, id)))[0];
  let fakeGenerate: CollabTestWorld["inference"]["generate"];
  /** The model answers with these candidates. */
  const answering = (candidates: Note[][]) => {
    world.inference.generate = async () => ({
      candidates,
      bitsPerToken: candidates.map(() => 1),
      model: FAKE_MODEL,
      latencyMs: 5,
      tokens: 9,
    });
  };

  beforeAll(async () => {
    world = await createCollabTestWorld();
    ada = await world.signUp("Ada");
    ({ id: pieceId } = await ada.api.piece.create({ title: "Sketch" }));
    // Four bars long: the last note starts in bar 4 and ends in it.
    await world.drawNotes(pieceId, ada, [melody(0), melody(3)]);
    fakeGenerate = world.inference.generate;
  });
  afterEach(() => {
    world.inference.generate = fakeGenerate;
  });
  afterAll(() => world.close());

  it("a continuation of a region past the end starts where the piece ends", async () => {
    const past = { ...region, startBar: 9, endBar: 12 };
    const { generationId } = await ada.api.generation.request({ pieceId, mode: "continue", region: past, bars: 2, candidates: 1, temperature: 1 });
    expect(world.inference.requests.at(-1)!.region).toMatchObject({ startBar: 4, endBar: 6 });
    expect((await views()).find((v) => v.id === generationId)?.region).toMatchObject({ startBar: 4, endBar: 6 });
    await ada.api.generation.discard({ pieceId, generationId });
  });

  it("drops empty candidates from the result, and the report counts only those shown", async () => {
    const before = (await ada.api.authorship.report({ pieceId })).acceptance.overall;
    answering([[], [melody(1)], [], [melody(2)]]);
    const { generationId, candidates } = await ada.api.generation.request({ pieceId, mode: "infill", region, candidates: 4, temperature: 1 });
    expect(candidates).toEqual([[melody(1)], [melody(2)]]);
    expect((await views()).find((v) => v.id === generationId)).toMatchObject({ status: "ready", candidates });
    expect(await rowOf(generationId)).toMatchObject({ outcome: "ready", candidateCount: 2 });

    await ada.api.generation.discard({ pieceId, generationId });
    const after = (await ada.api.authorship.report({ pieceId })).acceptance.overall;
    expect(after.candidatesGenerated - before.candidatesGenerated).toBe(2);
  });

  it("fails with a clear message when every candidate is empty, and counts no rejection", async () => {
    const before = (await ada.api.authorship.report({ pieceId })).acceptance.overall;
    answering([[], [], []]);
    const err = await ada.api.generation.request({ pieceId, mode: "infill", region, candidates: 3, temperature: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe("UNPROCESSABLE_CONTENT");
    expect((err as TRPCError).message).toBe("The model wrote no notes in bars 2-3. Try a region with music around it, a higher temperature or a lower repetition");
    const [view] = (await views()).filter((v) => v.status !== "ready");
    expect(view).toMatchObject({ status: "failed", error: (err as TRPCError).message, candidates: [] });
    expect(await rowOf(view.id)).toMatchObject({ outcome: "failed", error: (err as TRPCError).message });
    const after = (await ada.api.authorship.report({ pieceId })).acceptance.overall;
    expect(after).toMatchObject({ failed: before.failed + 1, candidatesGenerated: before.candidatesGenerated });
  });
});
