import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCollabTestWorld, type CollabTestWorld, type Person } from "../collab-test-world";

/** The TRPCError a call fails with, as code and message. */
async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof TRPCError) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error("expected the call to fail");
}

describe("invite links", () => {
  let world: CollabTestWorld;
  let ann: Person;
  const people: Person[] = [];
  const person = async () => {
    const p = await world.signUp(`P${people.length}`);
    people.push(p);
    return p;
  };
  const newPiece = async () => (await ann.api.piece.create({ title: "Band" })).id;
  const roleOf = async (pieceId: string, p: Person) => (await ann.api.piece.get({ pieceId })).members.find((m) => m.userId === p.user.id)?.role;

  beforeAll(async () => {
    world = await createCollabTestWorld();
    ann = await world.signUp("Ann");
  });
  afterAll(() => world.close());

  it("the owner lists her links with their uses, and a revoked one lets nobody in", async () => {
    const pieceId = await newPiece();
    const [bea, cy] = [await person(), await person()];
    const editor = await ann.api.piece.createInvite({ pieceId, role: "editor" });
    const viewer = await ann.api.piece.createInvite({ pieceId, role: "viewer", expiresInDays: null, maxUses: 3 });
    await bea.api.piece.acceptInvite({ token: editor.token });

    const list = await ann.api.piece.listInvites({ pieceId });
    expect(list.map((i) => [i.token, i.role, i.status, i.uses, i.maxUses, i.usedBy.map((u) => u.name)])).toEqual([
      [viewer.token, "viewer", "active", 0, 3, []],
      [editor.token, "editor", "active", 1, null, [bea.user.name]],
    ]);
    expect(list[0].expiresAt).toBeNull();
    expect(list[1].expiresAt!.getTime() - Date.now()).toBeGreaterThan(13 * 24 * 3600 * 1000); // 14 days by default

    await ann.api.piece.revokeInvite({ pieceId, token: editor.token });
    expect(await refusal(cy.api.piece.acceptInvite({ token: editor.token }))).toEqual({
      code: "FORBIDDEN",
      message: "This invite link was revoked by the piece's owner; ask them for a new one",
    });
    expect(await roleOf(pieceId, cy)).toBeUndefined();
    expect(await roleOf(pieceId, bea)).toBe("editor"); // revoking a link takes nobody out
    expect((await ann.api.piece.listInvites({ pieceId })).find((i) => i.token === editor.token)).toMatchObject({ status: "revoked" });
  });

  it("anyone following a link, signed in or not, is told who invites them, to which piece, as what, and whether it still works", async () => {
    const pieceId = await newPiece();
    const { token } = await ann.api.piece.createInvite({ pieceId, role: "reviewer" });
    const visitor = await world.anonymous();
    expect(await visitor.piece.invitePreview({ token })).toEqual({ pieceTitle: "Band", inviterName: "Ann", role: "reviewer", status: "active" });
    await ann.api.piece.revokeInvite({ pieceId, token });
    expect(await (await person()).api.piece.invitePreview({ token })).toMatchObject({ pieceTitle: "Band", status: "revoked" });
    expect(await refusal(visitor.piece.invitePreview({ token: "no-such-link" }))).toEqual({ code: "NOT_FOUND", message: "This invite link is not valid" });
  });

  it("a link with a use limit lets that many people in, then says it is used up; they may follow it again", async () => {
    const pieceId = await newPiece();
    const [bea, cy, dee] = [await person(), await person(), await person()];
    const { token } = await ann.api.piece.createInvite({ pieceId, role: "editor", maxUses: 2 });
    await bea.api.piece.acceptInvite({ token });
    await bea.api.piece.acceptInvite({ token }); // the same person again: not a second use
    await cy.api.piece.acceptInvite({ token });
    expect(await refusal(dee.api.piece.acceptInvite({ token }))).toEqual({
      code: "BAD_REQUEST",
      message: "This invite link has been used as many times as the owner allowed; ask them for a new one",
    });
    expect(await cy.api.piece.acceptInvite({ token })).toEqual({ pieceId, role: "editor" });
    expect((await ann.api.piece.listInvites({ pieceId }))[0]).toMatchObject({ uses: 2, status: "used up" });
  });

  it("eight people racing for a link with two uses: two join, the others are told it is used up", async () => {
    const pieceId = await newPiece();
    const racers = await Promise.all(Array.from({ length: 8 }, person));
    const { token } = await ann.api.piece.createInvite({ pieceId, role: "viewer", maxUses: 2 });
    const results = await Promise.allSettled(racers.map((p) => p.api.piece.acceptInvite({ token })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    expect((await ann.api.piece.get({ pieceId })).members).toHaveLength(3);
  });

  it("an expired link says so", async () => {
    const pieceId = await newPiece();
    const { token, expiresAt } = await ann.api.piece.createInvite({ pieceId, role: "viewer", expiresInDays: 1 });
    expect(expiresAt!.getTime() - Date.now()).toBeGreaterThan(23 * 3600 * 1000);
    await world.handle.db.execute(`update piece_invites set expires_at = now() - interval '1 second' where token = '${token}'`);
    expect(await refusal((await person()).api.piece.acceptInvite({ token }))).toEqual({
      code: "BAD_REQUEST",
      message: "This invite link has expired; ask the owner for a new one",
    });
  });

  it("removing a member revokes the links she used: she cannot rejoin with her old editor link", async () => {
    const pieceId = await newPiece();
    const [bea, cy] = [await person(), await person()];
    const band = await ann.api.piece.createInvite({ pieceId, role: "editor" });
    const unused = await ann.api.piece.createInvite({ pieceId, role: "viewer" });
    await bea.api.piece.acceptInvite({ token: band.token });
    await cy.api.piece.acceptInvite({ token: band.token });

    await ann.api.piece.removeMember({ pieceId, userId: bea.user.id });
    expect((await refusal(bea.api.piece.acceptInvite({ token: band.token }))).message).toMatch(/revoked/);
    expect(await roleOf(pieceId, bea)).toBeUndefined();
    expect(await roleOf(pieceId, cy)).toBe("editor");
    const status = Object.fromEntries((await ann.api.piece.listInvites({ pieceId })).map((i) => [i.token, i.status]));
    expect(status).toEqual({ [band.token]: "revoked", [unused.token]: "active" });
  });

  it("demoting a member revokes the links that would raise her again, and keeps the others", async () => {
    const pieceId = await newPiece();
    const bea = await person();
    const viewer = await ann.api.piece.createInvite({ pieceId, role: "viewer" });
    const editor = await ann.api.piece.createInvite({ pieceId, role: "editor" });
    await bea.api.piece.acceptInvite({ token: viewer.token });
    await bea.api.piece.acceptInvite({ token: editor.token });
    await ann.api.piece.setRole({ pieceId, userId: bea.user.id, role: "viewer" });
    expect((await refusal(bea.api.piece.acceptInvite({ token: editor.token }))).message).toMatch(/revoked/);
    expect(await roleOf(pieceId, bea)).toBe("viewer");
    expect(await bea.api.piece.acceptInvite({ token: viewer.token })).toEqual({ pieceId, role: "viewer" });
  });

  it("only the owner lists, makes and revokes links, and only her piece's; bad limits are refused by name", async () => {
    const pieceId = await newPiece();
    const bea = await person();
    const { token } = await ann.api.piece.createInvite({ pieceId, role: "editor" });
    await bea.api.piece.acceptInvite({ token });
    expect((await refusal(bea.api.piece.listInvites({ pieceId }))).code).toBe("FORBIDDEN");
    expect((await refusal(bea.api.piece.revokeInvite({ pieceId, token }))).code).toBe("FORBIDDEN");
    const { id: hers } = await bea.api.piece.create({ title: "Hers" });
    expect((await refusal(bea.api.piece.revokeInvite({ pieceId: hers, token }))).code).toBe("NOT_FOUND");
    expect((await refusal(ann.api.piece.createInvite({ pieceId, role: "editor", maxUses: 0 }))).code).toBe("BAD_REQUEST");
    expect((await refusal(ann.api.piece.createInvite({ pieceId, role: "editor", expiresInDays: 0 }))).code).toBe("BAD_REQUEST");
    expect((await refusal(ann.api.piece.createInvite({ pieceId, role: "owner" as "editor" }))).code).toBe("BAD_REQUEST");
    expect((await ann.api.piece.listInvites({ pieceId }))[0]).toMatchObject({ token, status: "active" });
  });
});
