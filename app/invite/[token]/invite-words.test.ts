import { describe, expect, it } from "vitest";
import { inviteTokenOf, inviteWords } from "./invite-words";

const preview = { pieceTitle: "Homework", inviterName: "Ada", role: "reviewer", status: "active" } as const;

describe("inviteWords", () => {
  it("says who invites you, to which piece, as what, and what that lets you do", () => {
    expect(inviteWords(preview)).toEqual({
      headline: "Ada invites you to “Homework” as a reviewer.",
      can: "As a reviewer you can listen, replay how the piece was written and comment, but not change the music.",
      problem: null,
    });
    expect(inviteWords({ ...preview, role: "editor" }).headline).toBe("Ada invites you to “Homework” as an editor.");
    expect(inviteWords({ ...preview, role: "viewer" }).can).toBe("As a viewer you can listen and read the comments, but not change the music or comment.");
  });

  it("says why a link lets nobody in, and whom to ask", () => {
    expect(inviteWords({ ...preview, status: "revoked" }).problem).toBe("Ada has revoked this link: ask them for a new one.");
    expect(inviteWords({ ...preview, status: "expired" }).problem).toBe("This link has expired: ask Ada for a new one.");
    expect(inviteWords({ ...preview, status: "used up" }).problem).toBe("This link has been used as many times as Ada allowed: ask them for a new one.");
  });
});

describe("inviteTokenOf", () => {
  it("finds the token of an invite path, and nothing in any other", () => {
    expect(inviteTokenOf("/invite/abc-123")).toBe("abc-123");
    for (const other of [undefined, "/pieces", "/invite/", "/invite/a/b", "https://x.example/invite/abc"]) expect(inviteTokenOf(other)).toBeNull();
  });
});
