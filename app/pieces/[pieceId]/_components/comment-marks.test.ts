import { describe, expect, it } from "vitest";
import { colourForId } from "@/lib/authorship/author-colours";
import { commentMarks } from "./comment-marks";

describe("commentMarks", () => {
  it("marks the bars of open threads only, once each, in the author's colour, labelled with their name", () => {
    const comments = [
      { id: "c1", authorId: "u1", authorName: "Ann", startBar: 2, endBar: 4, resolvedAt: null, parentId: null },
      { id: "c2", authorId: "u2", authorName: "Bo", startBar: 0, endBar: 1, resolvedAt: new Date(), parentId: null },
      { id: "c3", authorId: "u2", authorName: "Bo", startBar: 7, endBar: 8, resolvedAt: null, parentId: null },
      { id: "c2-reply", authorId: "u1", authorName: "Ann", startBar: 0, endBar: 1, resolvedAt: null, parentId: "c2" }, // in a resolved thread
      { id: "c1-reply", authorId: "u2", authorName: "Bo", startBar: 2, endBar: 4, resolvedAt: null, parentId: "c1" }, // c1 has its mark
    ];
    expect(commentMarks(comments)).toEqual([
      { id: "c1", startBar: 2, endBar: 4, label: "Ann", colour: colourForId("u1") },
      { id: "c3", startBar: 7, endBar: 8, label: "Bo", colour: colourForId("u2") },
    ]);
  });
});
