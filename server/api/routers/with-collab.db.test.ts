/** The generation and authorship routers over the real collab server (not the in-memory double). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../db";
import { createTestDb } from "../../../db/test-db";
import { docMaps, readNotes } from "../../../lib/doc-schema";
import { createAuth, sessionUserFromRequest } from "../../auth";
import { createCollabServer, type CollabServer } from "../../collab";
import { createLog } from "../../log";
import type { SessionUser } from "../../services";
import { createCaller } from "../root";
import { createFakeInference, FAKE_MODEL } from "../test-helpers";
import { createContext, type ApiServices } from "../trpc";

describe("routers over the real collab server", () => {
  let handle: DbHandle;
  let collab: CollabServer;
  let services: ApiServices;

  const signUp = async (name: string): Promise<{ user: SessionUser; api: ReturnType<typeof createCaller> }> => {
    const res = await services.auth.api.signUpEmail({ body: { name, email: `${name}@example.com`, password: "password123" }, asResponse: true });
    const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const ctx = await createContext(services, new Headers({ cookie }));
    return { user: ctx.user!, api: createCaller(ctx) };
  };

  beforeAll(async () => {
    handle = await createTestDb();
    const auth = createAuth({ db: handle.db, secret: "collab-test-secret-collab-test-secret", baseURL: "http://localhost:3000" });
    collab = createCollabServer({ db: handle.db, authenticate: (req) => sessionUserFromRequest(auth, req), log: createLog("collab", true), persistDebounceMs: 0 });
    services = { db: handle.db, auth, collab, inference: createFakeInference() };
  });
  afterAll(async () => {
    await collab.close();
    await handle.close();
  });

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
});
