import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCollabTestWorld, type CollabTestWorld, type Person } from "../collab-test-world";

// Everyone in a piece sees who else is in it; only its owner, who invited them, sees their e-mail addresses.

describe("piece members' e-mail addresses", () => {
  let world: CollabTestWorld;
  let people: Person[];
  let pieceId: string;

  beforeAll(async () => {
    world = await createCollabTestWorld();
    people = [await world.signUp("Olga"), await world.signUp("Ed"), await world.signUp("Rita"), await world.signUp("Vic")];
    const [owner] = people;
    ({ id: pieceId } = await owner.api.piece.create({ title: "Addresses" }));
    for (const [who, role] of [[people[1], "editor"], [people[2], "reviewer"], [people[3], "viewer"]] as const) {
      const { token } = await owner.api.piece.createInvite({ pieceId, role });
      await who.api.piece.acceptInvite({ token });
    }
  });
  afterAll(() => world.close());

  it("shows the owner every member's address", async () => {
    const { members } = await people[0].api.piece.get({ pieceId });
    expect(members.map((m) => m.email).sort()).toEqual(people.map((p) => p.user.email).sort());
  });

  it("shows editors, reviewers and viewers names and roles but no addresses", async () => {
    for (const who of people.slice(1)) {
      const { members } = await who.api.piece.get({ pieceId });
      expect(members.map((m) => m.name).sort()).toEqual(["Ed", "Olga", "Rita", "Vic"]);
      expect(JSON.stringify(members)).not.toContain("@example.com");
      expect(members.every((m) => !("email" in m))).toBe(true);
    }
  });
});
