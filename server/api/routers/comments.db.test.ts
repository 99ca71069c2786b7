import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Note } from "../../../lib/doc-schema";
import { createApiTestWorld, type ApiTestWorld } from "../test-helpers";

type Person = Awaited<ReturnType<ApiTestWorld["signUp"]>>;
const code = (c: TRPCError["code"]) => (e: unknown) => e instanceof TRPCError && e.code === c;
const note: Note = { track: "melody", pitch: 60, start: 1920 + 960, duration: 1920, velocity: 80 }; // bars 2-3

describe("comments", () => {
  let world: ApiTestWorld;
  let student: Person;
  let teacher: Person;
  let parent: Person;
  let pieceId: string;
  let noteId: string;

  beforeAll(async () => {
    world = await createApiTestWorld();
    [student, teacher, parent] = [await world.signUp("Sam"), await world.signUp("Teacher"), await world.signUp("Parent")];
    ({ id: pieceId } = await student.api.piece.create({ title: "Homework" }));
    expect(await teacher.api.piece.acceptInvite(await student.api.piece.createInvite({ pieceId, role: "reviewer" }))).toMatchObject({ role: "reviewer" });
    await parent.api.piece.acceptInvite(await student.api.piece.createInvite({ pieceId, role: "viewer" }));
    [noteId] = await world.collab.addHumanNotes(pieceId, student.user, [note]);
  });
  afterAll(() => world.close());

  it("a reviewer comments on bars and on a note; everyone in the piece reads them", async () => {
    await teacher.api.comments.add({ pieceId, body: "  Nice cadence  ", startBar: 4, endBar: 6 });
    const onNote = await teacher.api.comments.add({ pieceId, body: "Too long?", startBar: 0, endBar: 1, noteId });
    expect(onNote).toMatchObject({ startBar: 1, endBar: 3 }); // anchored where the note is
    const list = await parent.api.comments.list({ pieceId });
    expect(list.map((c) => [c.body, c.authorName, c.startBar, c.endBar, c.noteId, c.resolvedAt])).toEqual([
      ["Nice cadence", "Teacher", 4, 6, null, null],
      ["Too long?", "Teacher", 1, 3, noteId, null],
    ]);
  });

  it("the student resolves a comment, once", async () => {
    const [first] = await student.api.comments.list({ pieceId });
    await student.api.comments.resolve({ pieceId, commentId: first.id });
    const [after] = await teacher.api.comments.list({ pieceId });
    expect(after).toMatchObject({ resolvedBy: student.user.id, resolvedByName: "Sam" });
    expect(after.resolvedAt).toBeInstanceOf(Date);
    await expect(student.api.comments.resolve({ pieceId, commentId: first.id })).rejects.toSatisfy(code("BAD_REQUEST"));
    await expect(student.api.comments.resolve({ pieceId, commentId: "nope" })).rejects.toSatisfy(code("NOT_FOUND"));
  });

  it("viewers and strangers cannot comment; bad comments change nothing", async () => {
    await expect(parent.api.comments.add({ pieceId, body: "hi", startBar: 0, endBar: 1 })).rejects.toSatisfy(code("FORBIDDEN"));
    const eve = await world.signUp("Eve");
    await expect(eve.api.comments.list({ pieceId })).rejects.toSatisfy(code("FORBIDDEN"));
    await expect(teacher.api.comments.add({ pieceId, body: "   ", startBar: 0, endBar: 1 })).rejects.toSatisfy(code("BAD_REQUEST"));
    await expect(teacher.api.comments.add({ pieceId, body: "x", startBar: 3, endBar: 3 })).rejects.toSatisfy(code("BAD_REQUEST"));
    await expect(teacher.api.comments.add({ pieceId, body: "x", startBar: 0, endBar: 1, noteId: "gone" })).rejects.toSatisfy(code("BAD_REQUEST"));
    expect(await student.api.comments.list({ pieceId })).toHaveLength(2);
  });
});
