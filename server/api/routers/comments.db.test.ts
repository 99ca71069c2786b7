import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Note } from "../../../lib/doc-schema";
import { createCollabTestWorld, type CollabTestWorld, type Person } from "../collab-test-world";

const code = (c: TRPCError["code"]) => (e: unknown) => e instanceof TRPCError && e.code === c;
const note: Note = { track: "melody", pitch: 60, start: 1920 + 960, duration: 1920, velocity: 80 }; // bars 2-3

/** A student's piece "Homework", with her teacher as a reviewer and a parent as a viewer. */
async function homework(world: CollabTestWorld) {
  const [student, teacher, parent] = [await world.signUp("Sam"), await world.signUp("Teacher"), await world.signUp("Parent")];
  const { id: pieceId } = await student.api.piece.create({ title: "Homework" });
  expect(await teacher.api.piece.acceptInvite(await student.api.piece.createInvite({ pieceId, role: "reviewer" }))).toMatchObject({ role: "reviewer" });
  await parent.api.piece.acceptInvite(await student.api.piece.createInvite({ pieceId, role: "viewer" }));
  return { student, teacher, parent, pieceId };
}

describe("comments", () => {
  let world: CollabTestWorld;
  let student: Person;
  let teacher: Person;
  let parent: Person;
  let pieceId: string;
  let noteId: string;

  beforeAll(async () => {
    world = await createCollabTestWorld();
    ({ student, teacher, parent, pieceId } = await homework(world));
    [noteId] = await world.drawNotes(pieceId, student, [note]);
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

describe("comment threads and what is new to each member", () => {
  let world: CollabTestWorld;
  let student: Person;
  let teacher: Person;
  let parent: Person;
  let pieceId: string;
  let otherPiece: string;

  beforeAll(async () => {
    world = await createCollabTestWorld();
    ({ student, teacher, parent, pieceId } = await homework(world));
    ({ id: otherPiece } = await student.api.piece.create({ title: "Other" }));
  });
  afterAll(() => world.close());

  const newFor = async (who: Person) => (await who.api.comments.list({ pieceId })).filter((c) => c.isNew).map((c) => c.body);
  const piecesNews = async (who: Person) => Object.fromEntries((await who.api.piece.list()).map((p) => [p.title, p.newComments]));

  it("a reply joins its comment's thread, on its bars; a reply to a reply joins the same thread", async () => {
    const root = await teacher.api.comments.add({ pieceId, body: "Bar 5 is rushed", startBar: 4, endBar: 6 });
    const reply = await student.api.comments.reply({ pieceId, commentId: root.id, body: "Slower there?" });
    await teacher.api.comments.reply({ pieceId, commentId: reply.id, body: "Yes, and softer" });
    const list = await parent.api.comments.list({ pieceId });
    expect(list.map((c) => [c.body, c.authorName, c.parentId, c.startBar, c.endBar])).toEqual([
      ["Bar 5 is rushed", "Teacher", null, 4, 6],
      ["Slower there?", "Sam", root.id, 4, 6],
      ["Yes, and softer", "Teacher", root.id, 4, 6],
    ]);
  });

  it("refuses replies from viewers, to comments not in the piece, and the resolving of a reply; nothing is written", async () => {
    const [root, reply] = await student.api.comments.list({ pieceId });
    await expect(parent.api.comments.reply({ pieceId, commentId: root.id, body: "hi" })).rejects.toSatisfy(code("FORBIDDEN"));
    await expect(teacher.api.comments.reply({ pieceId, commentId: "nope", body: "hi" })).rejects.toSatisfy(code("NOT_FOUND"));
    const elsewhere = await student.api.comments.add({ pieceId: otherPiece, body: "mine", startBar: 0, endBar: 1 });
    await expect(student.api.comments.reply({ pieceId, commentId: elsewhere.id, body: "hi" })).rejects.toSatisfy(code("NOT_FOUND"));
    await expect(teacher.api.comments.reply({ pieceId, commentId: root.id, body: "  " })).rejects.toSatisfy(code("BAD_REQUEST"));
    await expect(student.api.comments.resolve({ pieceId, commentId: reply.id })).rejects.toThrow("Resolve the thread");
    expect(await student.api.comments.list({ pieceId })).toHaveLength(3);
  });

  it("comments by others are new to a member until they mark them seen; a new one is new again", async () => {
    expect(await newFor(student)).toEqual(["Bar 5 is rushed", "Yes, and softer"]);
    expect(await newFor(teacher)).toEqual(["Slower there?"]);
    expect(await newFor(parent)).toEqual(["Bar 5 is rushed", "Slower there?", "Yes, and softer"]);
    expect(await piecesNews(student)).toEqual({ Homework: 2, Other: 0 });

    const list = await student.api.comments.list({ pieceId });
    await student.api.comments.markSeen({ pieceId, commentId: list[1].id }); // read up to Sam's reply
    expect(await newFor(student)).toEqual(["Yes, and softer"]);
    await student.api.comments.markSeen({ pieceId, commentId: list[2].id });
    await student.api.comments.markSeen({ pieceId, commentId: list[0].id }); // an older one never moves the mark back
    expect(await newFor(student)).toEqual([]);
    expect(await newFor(parent)).toHaveLength(3); // each member reads for themselves

    await teacher.api.comments.add({ pieceId, body: "Try it at 90 BPM", startBar: 0, endBar: 1 });
    expect(await newFor(student)).toEqual(["Try it at 90 BPM"]);
    expect(await piecesNews(student)).toEqual({ Homework: 1, Other: 0 });
    expect(await piecesNews(teacher)).toEqual({ Homework: 1 }); // Sam's reply; the teacher's own are never new
  });

  it("marks only a member's own reading, of a comment in that piece", async () => {
    const eve = await world.signUp("Eve");
    const [root] = await student.api.comments.list({ pieceId });
    await expect(eve.api.comments.markSeen({ pieceId, commentId: root.id })).rejects.toSatisfy(code("FORBIDDEN"));
    const [elsewhere] = await student.api.comments.list({ pieceId: otherPiece });
    await expect(parent.api.comments.markSeen({ pieceId, commentId: elsewhere.id })).rejects.toSatisfy(code("NOT_FOUND"));
  });
});
