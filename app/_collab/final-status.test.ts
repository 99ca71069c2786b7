import { describe, expect, it } from "vitest";
import { CloseCode } from "@/server/collab/close-codes";
import { finalStatus } from "./final-status";

describe("finalStatus", () => {
  it("tells a removal from a signed-out or expired session, and anything else from both", () => {
    expect(finalStatus(CloseCode.membershipEnded)).toBe("removed");
    expect(finalStatus(CloseCode.sessionEnded)).toBe("signed out");
    expect(finalStatus(CloseCode.unauthenticated)).toBe("signed out");
    expect(finalStatus(CloseCode.updateRefused)).toBe("disconnected");
  });
});
