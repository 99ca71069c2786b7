import { describe, expect, it } from "vitest";
import { inviteStatus } from "./invites";

const now = new Date("2026-05-01T12:00:00Z");
const open = { revokedAt: null, expiresAt: null, maxUses: null };

describe("inviteStatus", () => {
  it("a link with no limits stays active", () => expect(inviteStatus(open, 500, now)).toBe("active"));

  it("expires at its expiry, not a moment later", () => {
    expect(inviteStatus({ ...open, expiresAt: new Date(now.getTime() + 1) }, 0, now)).toBe("active");
    expect(inviteStatus({ ...open, expiresAt: now }, 0, now)).toBe("expired");
  });

  it("is used up once its uses reach the limit", () => {
    expect(inviteStatus({ ...open, maxUses: 2 }, 1, now)).toBe("active");
    expect(inviteStatus({ ...open, maxUses: 2 }, 2, now)).toBe("used up");
  });

  it("names a revoke first, then an expiry, then the count", () => {
    const all = { revokedAt: now, expiresAt: now, maxUses: 1 };
    expect(inviteStatus(all, 1, now)).toBe("revoked");
    expect(inviteStatus({ ...all, revokedAt: null }, 1, now)).toBe("expired");
  });
});
