import { describe, expect, it } from "vitest";
import { inviteSummary, parseMaxUses, type InviteInfo } from "./invite-summary";

const may14 = new Date("2026-05-14T10:00:00Z");
const link = (over: Partial<InviteInfo>): InviteInfo => ({ status: "active", expiresAt: may14, revokedAt: null, maxUses: null, usedBy: [], ...over });
const people = (...n: string[]) => n.map((name) => ({ name }));

describe("inviteSummary", () => {
  it("says who used a link and when it stops working", () => {
    expect(inviteSummary(link({}))).toBe("Not used yet · expires 14 May 2026");
    expect(inviteSummary(link({ usedBy: people("Bea", "Cy", "Dee"), expiresAt: null }))).toBe("Used by Bea, Cy and Dee · never expires");
  });

  it("counts uses against a limit", () => {
    expect(inviteSummary(link({ maxUses: 5 }))).toBe("0 of 5 uses · expires 14 May 2026");
    expect(inviteSummary(link({ maxUses: 2, usedBy: people("Bea", "Cy"), status: "used up" }))).toBe("2 of 2 uses (Bea and Cy) · used up");
    expect(inviteSummary(link({ maxUses: 1 }))).toBe("0 of 1 use · expires 14 May 2026");
  });

  it("names a revoked or expired link's date", () => {
    expect(inviteSummary(link({ status: "revoked", revokedAt: new Date("2026-05-02T10:00:00Z"), usedBy: people("Bea") }))).toBe(
      "Used by Bea · revoked 2 May 2026",
    );
    expect(inviteSummary(link({ status: "expired" }))).toBe("Not used yet · expired 14 May 2026");
  });
});

describe("parseMaxUses", () => {
  it("is empty for any number, a whole number from 1 to 1000, and nothing else", () => {
    expect(parseMaxUses(" ")).toBeNull();
    expect(parseMaxUses("3")).toBe(3);
    expect(parseMaxUses("1000")).toBe(1000);
    for (const bad of ["0", "1001", "2.5", "-1", "two"]) expect(parseMaxUses(bad), bad).toBeUndefined();
  });
});
