import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Note } from "../../../lib/doc-schema";
import { createCollabTestWorld, type CollabTestWorld, type Person } from "../collab-test-world";
import { FAKE_MODEL } from "../fake-inference";

const note = (pitch: number, start = 0): Note => ({ track: "melody", pitch, start, duration: 240, velocity: 80 });

describe("authorship router", () => {
  let world: CollabTestWorld;
  let ada: Person;
  let bo: Person;
  let pieceId: string;
  let adaNoteIds: string[];

  beforeAll(async () => {
    world = await createCollabTestWorld();
    [ada, bo] = [await world.signUp("Ada"), await world.signUp("Bo")];
    ({ id: pieceId } = await ada.api.piece.create({ title: "Trio" }));
    await bo.api.piece.acceptInvite(await ada.api.piece.createInvite({ pieceId, role: "editor" }));

    adaNoteIds = await world.drawNotes(pieceId, ada, [note(60), note(62), note(64)]);
    await world.drawNotes(pieceId, bo, [note(67, 7 * 1920)]); // the piece is 8 bars long
    const region = { startBar: 1, endBar: 5, pitchLo: 60, pitchHi: 72, trackIds: ["melody"] };
    const { generationId } = await bo.api.generation.request({ pieceId, mode: "infill", region, candidates: 1, temperature: 1 });
    await bo.api.generation.accept({ pieceId, generationId, candidateIndex: 0 }); // four model notes, accepted by Bo
  });
  afterAll(() => world.close());

  it("shares count the notes in the piece per person and per model", async () => {
    const shares = await ada.api.authorship.shares({ pieceId });
    expect(shares).toEqual({
      total: 8,
      people: [
        { userId: ada.user.id, name: "Ada", notes: 3, share: 3 / 8, acceptedModelNotes: 0 },
        { userId: bo.user.id, name: "Bo", notes: 1, share: 1 / 8, acceptedModelNotes: 4 },
      ],
      models: [{ model: FAKE_MODEL.name, versions: [FAKE_MODEL.version], notes: 4, share: 4 / 8 }],
      unattributed: 0,
    });
  });

  it("shares follow the notes that are still there", async () => {
    await world.edit(pieceId, ada, ({ notes }) => notes.delete(adaNoteIds[0]));
    const shares = await bo.api.authorship.shares({ pieceId });
    expect(shares.total).toBe(7);
    expect(shares.people[0]).toMatchObject({ name: "Ada", notes: 2, share: 2 / 7 });
  });

  it("the ledger names people and models, oldest first; it filters by note and pages", async () => {
    await world.collab.flushAll(); // the deletion above is in the doc at once, in the database once saved
    const rows = await ada.api.authorship.ledger({ pieceId });
    expect(rows).toHaveLength(9); // eight notes written, then Ada's deletion
    expect(rows[0]).toMatchObject({ action: "create", authorKind: "human", actorName: "Ada", model: null, after: note(60) });
    expect(rows.at(-2)).toMatchObject({ authorKind: "model", actorName: "Bo", model: FAKE_MODEL.name, modelVersion: FAKE_MODEL.version });
    expect(rows.at(-1)).toMatchObject({ action: "delete", authorKind: "human", actorName: "Ada", noteId: adaNoteIds[0], before: note(60), after: null });
    expect(rows.map((r) => r.seq)).toEqual([...rows.map((r) => r.seq)].sort((a, b) => a - b));

    const one = await ada.api.authorship.ledger({ pieceId, noteId: adaNoteIds[1] });
    expect(one.map((r) => r.noteId)).toEqual([adaNoteIds[1]]);
    const page = await ada.api.authorship.ledger({ pieceId, afterSeq: rows[5].seq, limit: 10 });
    expect(page.map((r) => r.seq)).toEqual(rows.slice(6).map((r) => r.seq));
  });

  it("only members can read authorship", async () => {
    const stranger = await world.signUp("Eve");
    await expect(stranger.api.authorship.shares({ pieceId })).rejects.toSatisfy((e) => e instanceof TRPCError && e.code === "FORBIDDEN");
    await expect(stranger.api.authorship.ledger({ pieceId })).rejects.toSatisfy((e) => e instanceof TRPCError && e.code === "FORBIDDEN");
  });
});
