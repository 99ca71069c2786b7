import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { noteLedger } from "../../../db/schema";
import { docMaps, type Note } from "../../../lib/doc-schema";
import { createCollabTestWorld, type CollabTestWorld, type Person } from "../collab-test-world";
import { FAKE_MODEL } from "../fake-inference";
const note = (pitch: number, start = 0): Note => ({ track: "melody", pitch, start, duration: 240, velocity: 80 });
const code = (c: TRPCError["code"]) => (e: unknown) => e instanceof TRPCError && e.code === c;

describe("undo by author and replay", () => {
  let world: CollabTestWorld;
  let ada: Person;
  let bo: Person;
  let teacher: Person;
  let pieceId: string;
  let adaIds: string[];
  let modelIds: string[];
  /** The piece's notes as the server holds them now. */
  const notes = () => world.collab.readDoc(pieceId, (doc) => new Map(docMaps(doc).notes.entries()));

  beforeAll(async () => {
    world = await createCollabTestWorld();
    [ada, bo, teacher] = [await world.signUp("Ada"), await world.signUp("Bo"), await world.signUp("Teacher")];
    ({ id: pieceId } = await ada.api.piece.create({ title: "Undo" }));
    await bo.api.piece.acceptInvite(await ada.api.piece.createInvite({ pieceId, role: "editor" }));
    await teacher.api.piece.acceptInvite(await ada.api.piece.createInvite({ pieceId, role: "reviewer" }));
    adaIds = await world.drawNotes(pieceId, ada, [note(60), note(62, 480)]);
    await world.drawNotes(pieceId, bo, [note(40, 3 * 1920)]);
    const region = { startBar: 1, endBar: 3, pitchLo: 60, pitchHi: 72, trackIds: ["melody"] };
    const { generationId } = await bo.api.generation.request({ pieceId, mode: "infill", region, candidates: 1, temperature: 1 });
    ({ noteIds: modelIds } = await bo.api.generation.accept({ pieceId, generationId, candidateIndex: 0 }));
    // Ada touches the first model note.
    await world.edit(pieceId, ada, ({ notes }) => notes.set(modelIds[0], { ...notes.get(modelIds[0])!, velocity: 100 }));
  });
  afterAll(() => world.close());

  let removal: string;
  it("previews what an operation would change, changing nothing; a reviewer cannot ask", async () => {
    const before = await notes();
    const preview = await ada.api.review.preview({ kind: "remove-model-untouched", pieceId, model: FAKE_MODEL.name });
    expect(preview).toEqual({
      label: `Removed ${FAKE_MODEL.name}'s untouched notes`,
      nothing: null,
      changes: [{ noteId: modelIds[1], change: "remove" }],
      skipped: 1,
    });
    const revert = await bo.api.review.preview({ kind: "revert-author", pieceId, userId: ada.user.id, startBar: 0, endBar: 1 });
    expect(revert.changes).toEqual(adaIds.map((noteId) => ({ noteId, change: "remove" }))); // the notes she drew in bar 1
    const none = await ada.api.review.preview({ kind: "revert-author", pieceId, userId: bo.user.id, startBar: 0, endBar: 1 });
    expect(none).toMatchObject({ changes: [], nothing: "Bo has no changes in bar 1 that can be reverted" });
    expect(await notes()).toEqual(before);
    await expect(teacher.api.review.preview({ kind: "remove-model-untouched", pieceId, model: FAKE_MODEL.name })).rejects.toSatisfy(code("FORBIDDEN"));
    await expect(ada.api.review.preview({ kind: "revert-author", pieceId, userId: ada.user.id, startBar: 4, endBar: 4 })).rejects.toSatisfy(code("BAD_REQUEST"));
  });

  it("removes the model's notes nobody touched, in one step attributed to the person who ran it", async () => {
    const r = await ada.api.review.removeModelNotes({ pieceId, model: FAKE_MODEL.name });
    removal = r.operationId;
    expect(r).toMatchObject({ applied: 1, label: `Removed ${FAKE_MODEL.name}'s untouched notes` });
    expect(r.skipped.map((s) => s.noteId)).toEqual([modelIds[0]]);
    expect((await notes()).has(modelIds[1])).toBe(false);
    expect((await notes()).has(modelIds[0])).toBe(true);
    const rows = await world.handle.db.select().from(noteLedger).where(eq(noteLedger.operationId, removal));
    expect(rows).toMatchObject([{ noteId: modelIds[1], action: "delete", actorId: ada.user.id, authorKind: "human" }]);
    const history = await bo.api.authorship.noteHistory({ pieceId, noteId: modelIds[1] });
    expect(history.events.at(-1)?.summary).toBe(`Deleted by Ada (Removed ${FAKE_MODEL.name}'s untouched notes)`);
  });

  it("undoing it brings the notes back as the model's, and the undo is itself undoable, once", async () => {
    const undo = await bo.api.review.undoOperation({ pieceId, operationId: removal });
    expect(undo).toMatchObject({ applied: 1, label: `Undid "Removed ${FAKE_MODEL.name}'s untouched notes"` });
    expect((await notes()).has(modelIds[1])).toBe(true);
    const shares = await ada.api.authorship.shares({ pieceId });
    expect(shares.models[0]).toMatchObject({ model: FAKE_MODEL.name, notes: 2 });
    await expect(ada.api.review.undoOperation({ pieceId, operationId: removal })).rejects.toSatisfy(code("CONFLICT"));

    const redo = await ada.api.review.undoOperation({ pieceId, operationId: undo.operationId });
    expect(redo.applied).toBe(1);
    expect((await notes()).has(modelIds[1])).toBe(false);
    const ops = await teacher.api.review.operations({ pieceId });
    expect(ops.map((o) => [o.kind, o.notes, o.actorName, o.undoneBy !== null])).toEqual([
      ["undo", 1, "Ada", false],
      ["undo", 1, "Bo", true],
      ["remove-model-untouched", 1, "Ada", true],
    ]);
  });

  it("reverts one person's changes in a range of bars, and undoes that", async () => {
    const r = await bo.api.review.revertAuthor({ pieceId, userId: ada.user.id, startBar: 0, endBar: 1 });
    expect(r).toMatchObject({ applied: 2, label: "Reverted Ada's changes in bar 1" });
    const left = await notes();
    expect(adaIds.map((id) => left.has(id))).toEqual([false, false]);
    expect(left.has(modelIds[0])).toBe(true); // bar 2: outside the range
    await bo.api.review.undoOperation({ pieceId, operationId: r.operationId });
    const restored = await notes();
    expect(adaIds.map((id) => restored.get(id))).toEqual([note(60), note(62, 480)]);
    expect((await ada.api.authorship.noteHistory({ pieceId, noteId: adaIds[0] })).label).toBe("Written by Ada");
  });

  it("says so when there is nothing to do, and refuses bad input", async () => {
    await expect(ada.api.review.revertAuthor({ pieceId, userId: ada.user.id, startBar: 10, endBar: 12 })).rejects.toSatisfy(code("BAD_REQUEST"));
    await expect(ada.api.review.removeModelNotes({ pieceId, model: "no-such-model" })).rejects.toSatisfy(code("BAD_REQUEST"));
    await expect(ada.api.review.revertAuthor({ pieceId, userId: ada.user.id, startBar: 4, endBar: 4 })).rejects.toSatisfy(code("BAD_REQUEST"));
    await expect(ada.api.review.undoOperation({ pieceId, operationId: "nope" })).rejects.toSatisfy(code("NOT_FOUND"));
  });

  it("reviewers read but cannot run operations", async () => {
    await expect(teacher.api.review.removeModelNotes({ pieceId, model: FAKE_MODEL.name })).rejects.toSatisfy(code("FORBIDDEN"));
    await expect(teacher.api.generation.request({ pieceId, mode: "continue", region: { startBar: 4, endBar: 5, pitchLo: 0, pitchHi: 127, trackIds: ["melody"] }, candidates: 1, temperature: 1 })).rejects.toSatisfy(code("FORBIDDEN"));
  });

  it("replays the history: every change with the note's author", async () => {
    const frames = await teacher.api.review.replay({ pieceId });
    expect(frames.authors.map((a) => a.name).sort()).toEqual(["Ada", "Bo", FAKE_MODEL.name].sort());
    const rows = await ada.api.authorship.ledger({ pieceId, limit: 1000 });
    expect(frames.changes.map((c) => c.seq)).toEqual(rows.map((r) => r.seq));
    expect(frames.changes.filter((c) => c.noteId === modelIds[1]).map((c) => c.author)).toEqual(Array(4).fill(`model:${FAKE_MODEL.name}`));
  });
});
