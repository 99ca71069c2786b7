import { describe, expect, it } from "vitest";
import { CloseCode } from "@/lib/collab-protocol";
import { isRoleChange, roleChangeNote } from "./role-change";

describe("the page's role follows the server's", () => {
  it("re-reads its role after the server closes a socket for a role change, raised or lowered, and for nothing else", () => {
    expect(isRoleChange(CloseCode.roleChanged)).toBe(true);
    expect(isRoleChange(CloseCode.roleRaised)).toBe(true);
    for (const code of [CloseCode.goingAway, CloseCode.membershipEnded, CloseCode.sessionEnded, CloseCode.updateRefused, undefined]) {
      expect(isRoleChange(code)).toBe(false);
    }
  });

  it("tells a demoted editor she can now only view, and a promoted viewer he can edit", () => {
    expect(roleChangeNote("editor", "viewer")).toBe("You can now only view this piece.");
    expect(roleChangeNote("editor", "reviewer")).toBe("You can now only view and comment on this piece.");
    expect(roleChangeNote("reviewer", "viewer")).toBe("You can now only view this piece.");
    expect(roleChangeNote("viewer", "editor")).toBe("You can now edit this piece.");
  });

  it("says nothing on the first load or when the role is the same", () => {
    expect(roleChangeNote(undefined, "viewer")).toBeNull();
    expect(roleChangeNote("editor", "editor")).toBeNull();
    expect(roleChangeNote("editor", undefined)).toBeNull();
  });
});
