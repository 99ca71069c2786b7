import { describe, expect, it } from "vitest";
import { newestCommentId, threadsOf } from "./comment-threads";

const c = (id: string, parentId: string | null = null, isNew = false) => ({ id, parentId, isNew });

describe("threadsOf", () => {
  it("gathers each comment's replies under it, in the order written, and counts what is new in each thread", () => {
    const list = [c("a"), c("b", null, true), c("a1", "a", true), c("b1", "b"), c("a2", "a", true)];
    expect(threadsOf(list).map((t) => [t.root.id, t.replies.map((r) => r.id), t.newCount])).toEqual([
      ["a", ["a1", "a2"], 2],
      ["b", ["b1"], 1],
    ]);
  });

  it("shows a reply whose comment it cannot find as a thread of its own rather than losing it", () => {
    expect(threadsOf([c("x1", "x")]).map((t) => t.root.id)).toEqual(["x1"]);
  });
});

describe("newestCommentId", () => {
  it("is the last comment of the list (oldest first), or none", () => {
    expect(newestCommentId([c("a"), c("a1", "a"), c("b")])).toBe("b");
    expect(newestCommentId([])).toBeNull();
  });
});
