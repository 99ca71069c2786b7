import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Note } from "../../../lib/doc-schema";
import { createCollabTestWorld, type CollabTestWorld, type Person } from "../collab-test-world";

// Provenance names people by id; the editor asks for the names of those who are no longer members (piece.people).

const note: Note = { track: "melody", pitch: 60, start: 0, duration: 480, velocity: 90 };

describe("piece.people", () => {
  let world: CollabTestWorld;
  let owner: Person, left: Person, viewer: Person, stranger: Person;
  let pieceId: string;

  beforeAll(async () => {
    world = await createCollabTestWorld();
    [owner, left, viewer, stranger] = await Promise.all(["Olga", "Lee", "Vic", "Sam"].map((n) => world.signUp(n)));
    ({ id: pieceId } = await owner.api.piece.create({ title: "Names" }));
    for (const [who, role] of [[left, "editor"], [viewer, "viewer"]] as const) {
      const { token } = await owner.api.piece.createInvite({ pieceId, role });
      await who.api.piece.acceptInvite({ token });
    }
    await world.drawNotes(pieceId, left, [note]);
    await owner.api.piece.removeMember({ pieceId, userId: left.user.id });
  });
  afterAll(() => world.close());

  it("names members and people who wrote in the piece, including those who left", async () => {
    const people = await viewer.api.piece.people({ pieceId, userIds: [left.user.id, owner.user.id] });
    expect(people.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { id: left.user.id, name: "Lee" },
      { id: owner.user.id, name: "Olga" },
    ]);
  });

  it("names nobody who never took part in the piece, and nobody to someone outside it", async () => {
    expect(await viewer.api.piece.people({ pieceId, userIds: [stranger.user.id, "u-nobody"] })).toEqual([]);
    await expect(stranger.api.piece.people({ pieceId, userIds: [owner.user.id] })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("refuses an over-long list with a clear error", async () => {
    const userIds = Array.from({ length: 501 }, (_, i) => `u-${i}`);
    await expect(viewer.api.piece.people({ pieceId, userIds })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
