/** The generation and authorship routers over the real collab server: an accept as the document and the ledger record it. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docMaps, readNotes } from "../../../lib/doc-schema";
import { createCollabTestWorld, type CollabTestWorld } from "../collab-test-world";
import { addGeneration } from "../../collab/test-harness";
import { FAKE_MODEL } from "../fake-inference";

describe("routers over the real collab server", () => {
  let world: CollabTestWorld;
  let collab: CollabTestWorld["collab"];
  const signUp = (name: string) => world.signUp(name);

  beforeAll(async () => {
    world = await createCollabTestWorld();
    collab = world.collab;
  });
  afterAll(() => world.close());

  it("an accepted candidate lands in the document and the ledger, credited to the model and the acceptor", async () => {
    const ada = await signUp("Ada");
    const bo = await signUp("Bo");
    const { id: pieceId } = await ada.api.piece.create({ title: "Live" });
    await bo.api.piece.acceptInvite(await ada.api.piece.createInvite({ pieceId, role: "editor" }));

    // An empty piece: infill its first bar.
    const region = { startBar: 0, endBar: 1, pitchLo: 60, pitchHi: 72, trackIds: ["melody"] };
    const { generationId, candidates } = await bo.api.generation.request({ pieceId, mode: "infill", region, candidates: 2, temperature: 1 });
    expect(await collab.readDoc(pieceId, (d) => docMaps(d).generations.get(generationId)?.status)).toBe("ready");
    expect(await collab.readDoc(pieceId, readNotes)).toEqual([]);

    const { noteIds } = await bo.api.generation.accept({ pieceId, generationId, candidateIndex: 1 });
    const notes = await collab.readDoc(pieceId, readNotes);
    expect(notes.map(({ id, ...n }) => [id, n])).toEqual(noteIds.map((id, i) => [id, candidates[1][i]]));
    expect(await collab.readDoc(pieceId, (d) => docMaps(d).generations.has(generationId))).toBe(false);

    await collab.flushAll();
    const shares = await ada.api.authorship.shares({ pieceId });
    expect(shares).toMatchObject({ total: 1, models: [{ model: FAKE_MODEL.name, notes: 1, share: 1 }], unattributed: 0 });
    expect(shares.people).toEqual([{ userId: bo.user.id, name: "Bo", notes: 0, share: 0, acceptedModelNotes: 1 }]);
    const ledger = await ada.api.authorship.ledger({ pieceId });
    expect(ledger).toEqual([expect.objectContaining({ action: "create", authorKind: "model", actorName: "Bo", generationId, model: FAKE_MODEL.name })]);
  });

  it("accepting a candidate equal to the notes already there leaves them, and the shares, as they were", async () => {
    const ada = await signUp("Ada2");
    const { id: pieceId } = await ada.api.piece.create({ title: "Agreed" });
    const mine = [60, 64, 67].map((pitch, i) => ({ track: "melody", pitch, start: 3840 + i * 480, duration: 480, velocity: 90 }));
    await collab.importNotes(pieceId, mine, ada.user);
    const region = { startBar: 2, endBar: 3, pitchLo: 0, pitchHi: 127, trackIds: ["melody"] };
    const generationId = await addGeneration(world.handle.db, pieceId, ada.user);
    const by = { userId: ada.user.id, userName: "Ada2", generationId, model: FAKE_MODEL.name, version: "1" };
    const written = await collab.acceptNotes(pieceId, mine, by, region);
    expect(written).toMatchObject({ noteIds: [], replaced: [] });
    expect(written.agreed).toHaveLength(3);
    await collab.flushAll();
    const shares = await ada.api.authorship.shares({ pieceId });
    expect(shares).toMatchObject({ total: 3, models: [], people: [{ userId: ada.user.id, notes: 3, acceptedModelNotes: 0 }] });
  });
});
