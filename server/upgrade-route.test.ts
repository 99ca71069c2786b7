import { describe, expect, it } from "vitest";
import { upgradeTarget } from "./upgrade-route";

const prod = { collabPrefix: "/collab", dev: false };
const dev = { collabPrefix: "/collab", dev: true };

describe("upgradeTarget", () => {
  it("sends /collab/<piece> to the collab rooms, with or without a query", () => {
    expect(upgradeTarget("/collab/p1", prod)).toBe("collab");
    expect(upgradeTarget("/collab/p1?provenance=later", prod)).toBe("collab");
  });

  it("refuses every other path, which Next would never answer", () => {
    for (const url of ["/foo", "/api/health", "/", "/collab", "/collaborate/x", "/_next/static/x.js", undefined]) {
      expect(upgradeTarget(url, prod)).toBe("refuse");
      expect(upgradeTarget(url, dev)).toBe("refuse");
    }
  });

  it("gives Next its hot-reload socket in development only", () => {
    expect(upgradeTarget("/_next/hmr?id=abc", dev)).toBe("next");
    expect(upgradeTarget("/_next/webpack-hmr", dev)).toBe("next");
    expect(upgradeTarget("/_next/hmr", prod)).toBe("refuse");
  });
});
