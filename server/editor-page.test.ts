import { describe, expect, it } from "vitest";
import { editorPageOf } from "./editor-page";

const get = (url: string, headers: Record<string, string> = {}) => ({ method: "GET", url, headers });

describe("editorPageOf", () => {
  it("names the piece of a page load or of the router's fetch of the editor", () => {
    expect(editorPageOf(get("/pieces/p-1"))).toBe("p-1");
    expect(editorPageOf(get("/pieces/p-1?_rsc=abc", { rsc: "1" }))).toBe("p-1");
  });

  it("is null for a prefetch, another page, or another method", () => {
    expect(editorPageOf(get("/pieces/p-1?_rsc=abc", { rsc: "1", "next-router-prefetch": "1" }))).toBeNull();
    for (const url of ["/pieces", "/pieces/", "/pieces/p-1/report", "/pieces/a%2Fb", "/collab/p-1", "/"]) expect(editorPageOf(get(url))).toBeNull();
    expect(editorPageOf({ method: "POST", url: "/pieces/p-1", headers: {} })).toBeNull();
  });
});
