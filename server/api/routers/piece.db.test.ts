import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pieceInvites } from "../../../db/schema";
import { createCollabTestWorld, type CollabTestWorld, type Person } from "../collab-test-world";

/** Resolves to the TRPCError code a call fails with. */
async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof TRPCError) return err.code;
    throw err;
  }
  throw new Error("expected the call to fail");
}

describe("piece router", () => {
  let world: CollabTestWorld;
  let ada: Person;
  let bo: Person;
  let cy: Person;
  let pieceId: string;

  beforeAll(async () => {
    world = await createCollabTestWorld();
    [ada, bo, cy] = [await world.signUp("Ada"), await world.signUp("Bo"), await world.signUp("Cy")];
    ({ id: pieceId } = await ada.api.piece.create({ title: "  Etude in C " }));
  });
  afterAll(() => world.close());

  it("needs a session", async () => {
    const anon = await world.anonymous();
    expect(await codeOf(anon.piece.list())).toBe("UNAUTHORIZED");
    expect(await codeOf(anon.piece.create({ title: "x" }))).toBe("UNAUTHORIZED");
  });

  it("makes the creator the owner", async () => {
    expect(await ada.api.piece.get({ pieceId })).toEqual({
      id: pieceId,
      title: "Etude in C",
      role: "owner",
      members: [{ userId: ada.user.id, name: "Ada", email: ada.user.email, role: "owner" }],
    });
    const list = await ada.api.piece.list();
    expect(list).toEqual([expect.objectContaining({ id: pieceId, title: "Etude in C", role: "owner", ownerName: "Ada" })]);
    expect(await bo.api.piece.list()).toEqual([]);
  });

  it("tells a missing piece from one you are not in", async () => {
    expect(await codeOf(bo.api.piece.get({ pieceId }))).toBe("FORBIDDEN");
    expect(await codeOf(bo.api.piece.get({ pieceId: "no-such-piece" }))).toBe("NOT_FOUND");
    expect(await codeOf(ada.api.piece.create({ title: "   " }))).toBe("BAD_REQUEST");
  });

  it("invites: only the owner creates them; accepting is idempotent", async () => {
    expect(await codeOf(bo.api.piece.createInvite({ pieceId, role: "editor" }))).toBe("FORBIDDEN");
    const { token } = await ada.api.piece.createInvite({ pieceId, role: "editor" });
    expect(await bo.api.piece.acceptInvite({ token })).toEqual({ pieceId, role: "editor" });
    expect(await bo.api.piece.acceptInvite({ token })).toEqual({ pieceId, role: "editor" });
    expect((await bo.api.piece.get({ pieceId })).members.map((m) => [m.name, m.role])).toEqual([
      ["Ada", "owner"],
      ["Bo", "editor"],
    ]);
    // An editor is still not the owner.
    expect(await codeOf(bo.api.piece.createInvite({ pieceId, role: "viewer" }))).toBe("FORBIDDEN");
    expect(await codeOf(bo.api.piece.setRole({ pieceId, userId: ada.user.id, role: "viewer" }))).toBe("FORBIDDEN");
  });

  it("accepting a lesser invite never lowers a role; a greater one raises it", async () => {
    const viewerInvite = (await ada.api.piece.createInvite({ pieceId, role: "viewer" })).token;
    expect(await bo.api.piece.acceptInvite({ token: viewerInvite })).toEqual({ pieceId, role: "editor" });
    expect(await ada.api.piece.acceptInvite({ token: viewerInvite })).toEqual({ pieceId, role: "owner" });
    expect(await cy.api.piece.acceptInvite({ token: viewerInvite })).toEqual({ pieceId, role: "viewer" });
    const editorInvite = (await ada.api.piece.createInvite({ pieceId, role: "editor" })).token;
    expect(await cy.api.piece.acceptInvite({ token: editorInvite })).toEqual({ pieceId, role: "editor" });
  });

  it("refuses unknown and expired invites", async () => {
    expect(await codeOf(cy.api.piece.acceptInvite({ token: "nope" }))).toBe("NOT_FOUND");
    const { token } = await ada.api.piece.createInvite({ pieceId, role: "viewer" });
    await world.handle.db.update(pieceInvites).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(pieceInvites.token, token));
    const dee = await world.signUp("Dee");
    await expect(dee.api.piece.acceptInvite({ token })).rejects.toThrow(/expired/);
    // Cy is already a member (an editor): a link that grants her nothing just opens the piece, whatever its state.
    expect(await cy.api.piece.acceptInvite({ token })).toEqual({ pieceId, role: "editor" });
  });

  it("the owner sets roles and removes members, but not the owner", async () => {
    expect(await ada.api.piece.setRole({ pieceId, userId: cy.user.id, role: "viewer" })).toEqual({ userId: cy.user.id, role: "viewer" });
    expect((await cy.api.piece.get({ pieceId })).role).toBe("viewer");
    await expect(ada.api.piece.setRole({ pieceId, userId: ada.user.id, role: "viewer" })).rejects.toThrow(/owner's membership/);
    expect(await codeOf(ada.api.piece.removeMember({ pieceId, userId: ada.user.id }))).toBe("BAD_REQUEST");
    expect(await codeOf(cy.api.piece.removeMember({ pieceId, userId: bo.user.id }))).toBe("FORBIDDEN");
    expect(await codeOf(ada.api.piece.setRole({ pieceId, userId: "stranger", role: "editor" }))).toBe("NOT_FOUND");

    await ada.api.piece.removeMember({ pieceId, userId: cy.user.id });
    expect(await codeOf(cy.api.piece.get({ pieceId }))).toBe("FORBIDDEN");
    expect(await cy.api.piece.list()).toEqual([]);
  });

  it("renames (owner only)", async () => {
    expect(await codeOf(bo.api.piece.rename({ pieceId, title: "Mine now" }))).toBe("FORBIDDEN");
    await ada.api.piece.rename({ pieceId, title: "Etude in C, take 2" });
    expect((await bo.api.piece.get({ pieceId })).title).toBe("Etude in C, take 2");
  });
});
