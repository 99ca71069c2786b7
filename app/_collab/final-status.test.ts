import { describe, expect, it } from "vitest";
import { CloseCode } from "@/lib/collab-protocol";
import { finalMessage, finalStatus } from "./final-status";

describe("finalStatus", () => {
  it("tells a removal from a signed-out or expired session, and anything else from both", () => {
    expect(finalStatus(CloseCode.membershipEnded)).toBe("removed");
    expect(finalStatus(CloseCode.sessionEnded)).toBe("signed out");
    expect(finalStatus(CloseCode.unauthenticated)).toBe("signed out");
    expect(finalStatus(CloseCode.internalError)).toBe("disconnected");
  });

  it("says in plain words when the person has too many tabs open, or the server refused an edit", () => {
    expect(finalStatus(CloseCode.tooManySockets)).toBe("too many tabs");
    expect(finalStatus(CloseCode.updateRefused)).toBe("edit refused");
    expect(finalStatus(CloseCode.updateTooLarge)).toBe("edit refused");
    expect(finalMessage("too many tabs")).toMatch(/too many tabs/);
    expect(finalMessage("edit refused")).toMatch(/refused/);
    expect(finalMessage("removed")).toBe("You are no longer a member of this piece.");
    expect(finalMessage("disconnected")).toBeUndefined();
  });
});
