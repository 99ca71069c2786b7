import { describe, expect, it } from "vitest";
import { colourForId } from "@/lib/authorship/author-colours";
import { commentMarks } from "./comment-marks";

describe("commentMarks", () => {
  it("marks the bars of open comments only, in the author's colour, labelled with their name", () => {
    const comments = [
      { id: "c1", authorId: "u1", authorName: "Ann", startBar: 2, endBar: 4, resolvedAt: null },
      { id: "c2", authorId: "u2", authorName: "Bo", startBar: 0, endBar: 1, resolvedAt: new Date() },
      { id: "c3", authorId: "u2", authorName: "Bo", startBar: 7, endBar: 8, resolvedAt: null },
    ];
    expect(commentMarks(comments)).toEqual([
      { id: "c1", startBar: 2, endBar: 4, label: "Ann", colour: colourForId("u1") },
      { id: "c3", startBar: 7, endBar: 8, label: "Bo", colour: colourForId("u2") },
    ]);
  });
});
