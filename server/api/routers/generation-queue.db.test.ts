import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { generations } from "../../../db/schema";
import { docMaps, type GenerationView } from "../../../lib/doc-schema";
import type { GenerationSettings } from "../../../lib/generation";
import type { InferenceRequest } from "../../inference/types";
import { createCollabTestWorld, type CollabTestWorld, type Person } from "../collab-test-world";

async function waitFor(cond: () => boolean | Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const region = { startBar: 0, endBar: 2, pitchLo: 60, pitchHi: 72, trackIds: ["melody"] };
const B_SEED = 1000;

/** One person's backlog may not starve another: the model serves people in turn, each within a cap. */
describe("the model's line", () => {
  let world: CollabTestWorld;
  let ada: Person;
  let bo: Person;
  let pieceId: string;
  const fakeGenerate = () => world.inference.generate;
  let realGenerate: CollabTestWorld["inference"]["generate"];
  /** Requests inside the model now, in the order they went in; each stays until released. */
  let inside: { seed: number; release(): void }[];
  let entered: number[];
  let mostAtOnce: number;

  const request = (who: Person, seed: number) =>
    who.api.generation.request({ pieceId, mode: "infill", region, candidates: 8, temperature: 1, seed });
  /** Every generation's view, as the server shows it to the piece now. */
  const views = () => world.collab.readDoc(pieceId, (doc) => [...docMaps(doc).generations.values()]);
  /** Waiting generations' views, by their place in line. */
  const waitingViews = async () => (await views()).filter((v) => v.queuePosition !== undefined).sort((a, b) => a.queuePosition! - b.queuePosition!);
  const rowsNow = () => world.handle.db.select().from(generations).where(eq(generations.pieceId, pieceId));
  const seedOf = async (id: string) => ((await rowsNow()).find((r) => r.id === id)!.settings as GenerationSettings).seed;
  const viewBySeed = async (seed: number): Promise<GenerationView | undefined> => {
    const row = (await rowsNow()).find((r) => (r.settings as GenerationSettings).seed === seed && r.outcome === "running");
    return row && (await views()).find((v) => v.id === row.id);
  };
  const releaseOldest = () => inside.shift()!.release();

  beforeAll(async () => {
    world = await createCollabTestWorld();
    [ada, bo] = [await world.signUp("Ada"), await world.signUp("Bo")];
    ({ id: pieceId } = await ada.api.piece.create({ title: "Rush hour" }));
    await bo.api.piece.acceptInvite(await ada.api.piece.createInvite({ pieceId, role: "editor" }));
    await world.drawNotes(pieceId, ada, [{ track: "melody", pitch: 64, start: 3 * 1920, duration: 480, velocity: 90 }]);
    realGenerate = fakeGenerate();
  });
  afterEach(() => {
    world.inference.generate = realGenerate;
  });
  afterAll(() => world.close());

  /** The fake model holds each request until the test releases it, so the order of service is visible. */
  function holdEachRequest() {
    inside = [];
    entered = [];
    mostAtOnce = 0;
    world.inference.generate = async (req: InferenceRequest) => {
      entered.push(req.seed);
      await new Promise<void>((release) => {
        inside.push({ seed: req.seed, release });
        mostAtOnce = Math.max(mostAtOnce, inside.length);
      });
      return realGenerate(req);
    };
  }

  it("serves another person's request after the one running, not after a 12-request backlog, and refuses a 13th", async () => {
    holdEachRequest();
    const backlog = Array.from({ length: 12 }, (_, i) => request(ada, i + 1));
    const adaWaiting = async () => (await waitingViews()).filter((v) => v.requestedBy === ada.user.id);
    await waitFor(async () => entered.length === 1 && (await adaWaiting()).length === 11, "Ada's backlog to line up");
    expect((await adaWaiting()).map((v) => v.queuePosition)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const running = (await views()).filter((v) => v.queuePosition === undefined);
    expect(running).toHaveLength(1); // the one the model is writing

    const refused = await request(ada, 13).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TRPCError);
    expect(refused).toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: "You already have 12 requests running or waiting for the model, the most one person may have; wait for one to finish",
    });
    expect(await views()).toHaveLength(12); // nothing recorded, nothing shown
    expect(await world.handle.db.select().from(generations).where(eq(generations.pieceId, pieceId))).toHaveLength(12);

    const bos = request(bo, B_SEED);
    await waitFor(async () => (await views()).some((v) => v.requestedBy === bo.user.id && v.queuePosition === 1), "Bo to be next in line");
    // Everyone in the piece sees where each request stands: Bo next, Ada's waiting ones after him.
    expect((await adaWaiting()).map((v) => v.queuePosition)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const adaNext = await Promise.all((await adaWaiting()).map((v) => seedOf(v.id)));

    releaseOldest(); // Ada's first finishes
    await waitFor(() => entered.length === 2, "the next request to reach the model");
    expect(entered).toEqual([entered[0], B_SEED]);
    expect((await adaWaiting()).map((v) => v.queuePosition)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    releaseOldest();
    expect((await bos).candidates).toHaveLength(8); // served while 11 of Ada's were still waiting

    while (entered.length < 13 || inside.length > 0) {
      await waitFor(() => inside.length > 0, "the next of Ada's requests");
      releaseOldest();
    }
    const results = await Promise.all(backlog);
    expect(results.map((r) => r.candidates.length)).toEqual(Array(12).fill(8));
    expect(entered).toEqual([entered[0], B_SEED, ...adaNext]); // the rest in the order the panel showed
    expect(mostAtOnce).toBe(1); // one request at a time has the model
    expect(await waitingViews()).toEqual([]);
  });

  it("a request discarded while it waits leaves the line and never reaches the model", async () => {
    holdEachRequest();
    const first = request(ada, 21);
    await waitFor(() => entered.length === 1, "the first request to reach the model");
    const second = request(bo, 22).catch((e: unknown) => e);
    await waitFor(async () => (await views()).some((v) => v.queuePosition === 1), "the second to wait");
    const waiting = (await viewBySeed(22))!;
    await ada.api.generation.discard({ pieceId, generationId: waiting.id });
    expect(await second).toMatchObject({ code: "CLIENT_CLOSED_REQUEST", message: "This request was discarded before the model ran it" });
    const third = request(bo, 23);
    await waitFor(async () => (await views()).some((v) => v.queuePosition === 1), "the third to wait");
    releaseOldest();
    await first;
    await waitFor(() => inside.length === 1, "the third to reach the model");
    releaseOldest();
    await third;
    expect(entered).toEqual([21, 23]);
    expect((await views()).some((v) => v.id === waiting.id)).toBe(false);
    const [row] = await world.handle.db.select().from(generations).where(eq(generations.id, waiting.id));
    expect(row.outcome).toBe("discarded");
  });
});
