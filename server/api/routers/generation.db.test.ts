import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { generations, noteLedger } from "../../../db/schema";
import { createStreamedCandidates, withStreamed } from "../../../lib/candidate-parts";
import { docMaps, readNotes } from "../../../lib/doc-schema";
import { createCollabTestWorld, type CollabTestWorld, type Person } from "../collab-test-world";
import { FAKE_MODEL } from "../fake-inference";

async function errorOf(p: Promise<unknown>): Promise<TRPCError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof TRPCError) return err;
    throw err;
  }
  throw new Error("expected the call to fail");
}

async function waitFor(cond: () => Promise<boolean>, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
}

const region = { startBar: 2, endBar: 4, pitchLo: 60, pitchHi: 72, trackIds: ["melody"] };

describe("generation router", () => {
  let world: CollabTestWorld;
  let ada: Person; // owner
  let bo: Person; // editor
  let cy: Person; // viewer
  let pieceId: string;
  const request = (who: Person, extra: Partial<Parameters<Person["api"]["generation"]["request"]>[0]> = {}) =>
    who.api.generation.request({ pieceId, mode: "infill", region, candidates: 2, temperature: 1, ...extra });
  const notesNow = () => world.collab.readDoc(pieceId, readNotes);
  const views = () => world.collab.readDoc(pieceId, (doc) => [...docMaps(doc).generations.values()]);
  const viewOf = (id: string) => world.collab.readDoc(pieceId, (doc) => docMaps(doc).generations.get(id));
  // What a page shows: the view, and while it runs, the notes streamed so far (as piece-snapshot.ts reads them).
  const shownOf = (id: string) =>
    world.collab.readDoc(pieceId, (doc) => {
      const { generations, candidateParts } = docMaps(doc);
      const streamed = createStreamedCandidates();
      candidateParts.forEach((notes, key) => streamed.add(key, notes));
      const view = generations.get(id);
      return view && withStreamed(view, streamed.candidatesOf(id));
    });
  const partsOf = (id: string) => world.collab.readDoc(pieceId, (doc) => [...docMaps(doc).candidateParts.keys()].filter((k) => k.startsWith(`${id}/`)));
  const rowOf = async (id: string) => (await world.handle.db.select().from(generations).where(eq(generations.id, id)))[0];

  beforeAll(async () => {
    world = await createCollabTestWorld({ generationTimeoutMs: 1500 });
    [ada, bo, cy] = [await world.signUp("Ada"), await world.signUp("Bo"), await world.signUp("Cy")];
    ({ id: pieceId } = await ada.api.piece.create({ title: "Duet" }));
    await bo.api.piece.acceptInvite(await ada.api.piece.createInvite({ pieceId, role: "editor" }));
    await cy.api.piece.acceptInvite(await ada.api.piece.createInvite({ pieceId, role: "viewer" }));
    // Eight bars long: the last note starts in bar 8.
    await world.drawNotes(pieceId, ada, [
      { track: "melody", pitch: 64, start: 0, duration: 480, velocity: 90 },
      { track: "bass", pitch: 40, start: 7 * 1920, duration: 1920, velocity: 90 },
    ]);
  });
  beforeEach(() => {
    world.inference.behavior = "ok";
  });
  afterAll(() => world.close());

  it("runs the model, records the generation and shows the candidates without touching the notes", async () => {
    const before = await notesNow();
    const { generationId, candidates } = await request(bo, { seed: 7 });
    expect(candidates).toHaveLength(2);
    expect(candidates[1]).toEqual([
      { track: "melody", pitch: 61, start: 2 * 1920, duration: 480, velocity: 80 },
      { track: "melody", pitch: 61, start: 3 * 1920, duration: 480, velocity: 80 },
    ]);
    expect(await notesNow()).toEqual(before);

    const req = world.inference.requests.at(-1)!;
    expect(req).toMatchObject({ mode: "infill", region, candidates: 2, temperature: 1, topP: 0.95, seed: 7 });
    expect(req.notes.map((n) => n.pitch).sort()).toEqual([40, 64]);
    expect(req.tracks.map((t) => t.id)).toEqual(["melody", "chords", "bass", "drums"]);

    expect(await viewOf(generationId)).toMatchObject({ status: "ready", requestedBy: bo.user.id, requestedByName: "Bo", candidates, region });
    expect(await rowOf(generationId)).toMatchObject({
      outcome: "ready", requestedBy: bo.user.id, model: FAKE_MODEL.name, modelVersion: FAKE_MODEL.version, candidateCount: 2, latencyMs: 3,
    });
  });

  it("a continuation writes the bars after the region, which must reach the last note", async () => {
    await request(ada, { mode: "continue", region: { ...region, startBar: 0, endBar: 8 }, bars: 3 });
    expect(world.inference.requests.at(-1)!.region).toEqual({ ...region, startBar: 8, endBar: 11 });
    const early = await errorOf(request(ada, { mode: "continue", bars: 3 }));
    expect(early.code).toBe("BAD_REQUEST");
    expect(early.message).toMatch(/after the piece's last note \(in bar 8\)/);
  });

  it("viewers and strangers cannot generate", async () => {
    expect((await errorOf(request(cy))).code).toBe("FORBIDDEN");
    const stranger = await world.signUp("Dee");
    expect((await errorOf(request(stranger))).code).toBe("FORBIDDEN");
    expect((await errorOf((await world.anonymous()).generation.request({ pieceId, mode: "infill", region, candidates: 1, temperature: 1 }))).code).toBe(
      "UNAUTHORIZED",
    );
  });

  it.each([
    [{ ...region, endBar: 2 }, /region is empty/],
    [{ ...region, pitchLo: 80 }, /lowest pitch \(80\) is above its highest \(72\)/],
    [{ ...region, trackIds: ["melody", "theremin"] }, /no track "theremin"/],
    [{ ...region, trackIds: [] }, /no tracks/],
    [{ ...region, startBar: 0, endBar: 17 }, /at most 16 bars at once; this region has 17/],
    [{ ...region, startBar: 6, endBar: 9 }, /past the end of the piece at bar 8/],
  ])("refuses a bad region %j with BAD_REQUEST and records nothing", async (bad, message) => {
    const count = (await world.handle.db.select().from(generations)).length;
    const err = await errorOf(request(bo, { region: bad }));
    expect(err.code).toBe("BAD_REQUEST");
    expect(err.message).toMatch(message);
    expect((await world.handle.db.select().from(generations)).length).toBe(count);
  });

  it("a model failure fails the generation, shows the error and leaves the notes alone", async () => {
    world.inference.behavior = "fail";
    const before = await notesNow();
    const err = await errorOf(request(bo));
    expect(err.code).toBe("INTERNAL_SERVER_ERROR");
    expect(err.message).toBe("The model failed: the session ran out of memory");
    const [row] = (await world.handle.db.select().from(generations).where(eq(generations.outcome, "failed"))).slice(-1);
    expect(row.error).toBe(err.message);
    expect(await viewOf(row.id)).toMatchObject({ status: "failed", error: err.message, candidates: [] });
    expect(await notesNow()).toEqual(before);
  });

  it("the model's own input errors are BAD_REQUEST", async () => {
    const real = world.inference.generate;
    world.inference.generate = async () => {
      throw Object.assign(new Error("a piece may have at most 20000 notes"), { code: "BAD_INPUT" });
    };
    try {
      const err = await errorOf(request(bo));
      expect(err.code).toBe("BAD_REQUEST");
      expect(err.message).toBe("The model cannot take this request: a piece may have at most 20000 notes");
    } finally {
      world.inference.generate = real;
    }
  });

  it("a model that does not answer in time fails with TIMEOUT", async () => {
    world.inference.behavior = "hang";
    const err = await errorOf(request(bo));
    expect(err.code).toBe("TIMEOUT");
    const req = world.inference.requests.at(-1)!;
    expect(req.signal?.aborted).toBe(true);
    const rows = await world.handle.db.select().from(generations).where(eq(generations.outcome, "failed"));
    expect(rows.some((r) => r.error?.includes("did not finish"))).toBe(true);
  });

  it("accept writes the candidate attributed to the session user and the generation's model", async () => {
    const { generationId, candidates } = await request(ada);
    expect((await errorOf(cy.api.generation.accept({ pieceId, generationId, candidateIndex: 0 }))).code).toBe("FORBIDDEN");
    expect((await errorOf(bo.api.generation.accept({ pieceId, generationId, candidateIndex: 5 }))).message).toMatch(/Candidate 5 does not exist/);

    const { noteIds } = await bo.api.generation.accept({ pieceId, generationId, candidateIndex: 1 });
    expect(noteIds).toHaveLength(candidates[1].length);
    const { notes, provenance } = await world.collab.readDoc(pieceId, (doc) => {
      const maps = docMaps(doc);
      return { notes: new Map(maps.notes.entries()), provenance: new Map(maps.provenance.entries()) };
    });
    for (const [i, id] of noteIds.entries()) {
      expect(notes.get(id)).toEqual(candidates[1][i]);
      expect(provenance.get(id)).toEqual({
        kind: "model", model: FAKE_MODEL.name, version: FAKE_MODEL.version, generationId, acceptedBy: bo.user.id,
      });
    }
    expect(await viewOf(generationId)).toBeUndefined();
    expect(await rowOf(generationId)).toMatchObject({ outcome: "accepted", acceptedCandidate: 1, decidedBy: bo.user.id });
    const ledger = await world.handle.db.select().from(noteLedger).where(eq(noteLedger.generationId, generationId));
    expect(ledger.map((r) => [r.actorId, r.authorKind])).toEqual(noteIds.map(() => [bo.user.id, "model"]));

    const again = await errorOf(ada.api.generation.accept({ pieceId, generationId, candidateIndex: 0 }));
    expect(again.code).toBe("BAD_REQUEST");
    expect(again.message).toMatch(/accepted; only a ready one/);
  });

  it("two people accepting at once write the notes once", async () => {
    // Candidates at pitches 59 and 60, neither already there: the test before leaves its candidate 1 (61) in bars 2-3,
    // which Bo's candidate 1 of the usual region matched, writing nothing when he won the race (CI).
    const { generationId } = await request(ada, { region: { ...region, pitchLo: 59 } });
    const results = await Promise.allSettled([
      ada.api.generation.accept({ pieceId, generationId, candidateIndex: 0 }),
      bo.api.generation.accept({ pieceId, generationId, candidateIndex: 1 }),
    ]);
    const won = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    expect(won).toHaveLength(1);
    expect(won[0].noteIds).toHaveLength(2);
    const ledger = await world.handle.db.select().from(noteLedger).where(eq(noteLedger.generationId, generationId));
    // one accept's rows: its two notes, and the deletion of each note of the region it replaced, once
    const ids = (action: string) => ledger.filter((r) => r.action === action).map((r) => r.noteId).sort();
    expect(ids("create")).toEqual([...won[0].noteIds].sort());
    expect(ids("delete")).toEqual(won[0].replaced.map((n) => n.id).sort());
  });

  it("discard hides the view and blocks a later accept", async () => {
    const { generationId } = await request(bo);
    expect((await errorOf(cy.api.generation.discard({ pieceId, generationId }))).code).toBe("FORBIDDEN");
    await bo.api.generation.discard({ pieceId, generationId });
    expect(await viewOf(generationId)).toBeUndefined();
    expect((await rowOf(generationId)).outcome).toBe("discarded");
    expect((await errorOf(bo.api.generation.accept({ pieceId, generationId, candidateIndex: 0 }))).code).toBe("BAD_REQUEST");
    expect((await errorOf(bo.api.generation.discard({ pieceId, generationId: "nope" }))).code).toBe("NOT_FOUND");
  });

  it("everyone sees the candidates grow while the model decodes, each note sent once and never ledgered", async () => {
    const seen: number[][] = [];
    const parts: string[][] = [];
    const real = world.inference.generate;
    const ledgerRows = async () => (await world.handle.db.select().from(noteLedger).where(eq(noteLedger.pieceId, pieceId))).length;
    const ledgered = await ledgerRows();
    world.inference.generate = async (req) => {
      const note = { track: "melody", pitch: 62, start: 3840, duration: 480, velocity: 80 };
      const running = async () => (await views()).find((v) => v.status === "running")!.id;
      req.onNote?.(0, note);
      await new Promise((r) => setTimeout(r, 400));
      seen.push((await shownOf(await running()))!.candidates.map((c) => c.length));
      req.onNote?.(0, { ...note, start: 4320 });
      req.onNote?.(1, { ...note, start: 4800 });
      await new Promise((r) => setTimeout(r, 400));
      seen.push((await shownOf(await running()))!.candidates.map((c) => c.length));
      parts.push(await partsOf(await running()));
      return { candidates: [[note, { ...note, start: 5760 }], [note]], bitsPerToken: [1.5, 1.5], model: FAKE_MODEL, latencyMs: 800, tokens: 8 };
    };
    try {
      const gen = await request(bo, { candidates: 2 });
      expect(seen).toEqual([[1], [2, 1]]);
      // The second send carried the two new notes alone, beside the first's one.
      expect(parts[0].sort()).toEqual([`${gen.generationId}/0/0`, `${gen.generationId}/0/1`, `${gen.generationId}/1/1`]);
      expect(await viewOf(gen.generationId)).toMatchObject({ status: "ready", candidates: [[expect.anything(), expect.anything()], [expect.anything()]] });
      expect(await partsOf(gen.generationId)).toEqual([]); // the finished view says it all
      expect(await ledgerRows()).toBe(ledgered);
    } finally {
      world.inference.generate = real;
    }
  });

  it("a generation that starts over (its worker died) hides what it streamed", async () => {
    const seen: number[][] = [];
    const real = world.inference.generate;
    world.inference.generate = async (req) => {
      const note = { track: "melody", pitch: 62, start: 3840, duration: 480, velocity: 80 };
      const running = async () => (await views()).find((v) => v.status === "running")!.id;
      req.onNote?.(0, note);
      req.onNote?.(0, { ...note, start: 4320 });
      await new Promise((r) => setTimeout(r, 400));
      seen.push((await shownOf(await running()))!.candidates.map((c) => c.length));
      req.onRestart?.();
      await new Promise((r) => setTimeout(r, 100));
      seen.push((await shownOf(await running()))!.candidates.map((c) => c.length));
      req.onNote?.(0, { ...note, start: 5760 });
      await new Promise((r) => setTimeout(r, 400));
      seen.push((await shownOf(await running()))!.candidates.map((c) => c.length));
      return { candidates: [[note]], bitsPerToken: [1.5], model: FAKE_MODEL, latencyMs: 900, tokens: 8 };
    };
    try {
      await request(bo, { candidates: 1 });
      expect(seen).toEqual([[2], [], [1]]);
    } finally {
      world.inference.generate = real;
    }
  });

  it("a generation discarded while it runs never shows its result", async () => {
    let release!: () => void;
    const real = world.inference.generate;
    world.inference.generate = async (req) => {
      await new Promise<void>((r) => (release = r));
      return real(req);
    };
    try {
      const pending = request(bo);
      await waitFor(async () => (await views()).some((v) => v.status === "running"));
      const running = (await views()).find((v) => v.status === "running")!;
      await ada.api.generation.discard({ pieceId, generationId: running.id });
      release();
      await pending;
      expect(await viewOf(running.id)).toBeUndefined();
      expect(await partsOf(running.id)).toEqual([]); // notes it wrote after the discard were never shown
      expect((await rowOf(running.id)).outcome).toBe("discarded");
    } finally {
      world.inference.generate = real;
    }
  });

  it("a generation from another piece is not found", async () => {
    const { generationId } = await request(bo);
    const { id: other } = await bo.api.piece.create({ title: "Solo" });
    expect((await errorOf(bo.api.generation.accept({ pieceId: other, generationId, candidateIndex: 0 }))).code).toBe("NOT_FOUND");
  });
});
