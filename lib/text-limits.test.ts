import { describe, expect, it } from "vitest";
import { commentBody, personName, pieceTitle, TEXT_LIMITS } from "./text-limits";

describe("text limits", () => {
  it("trims and takes text up to the limit", () => {
    expect(personName.parse("  Ann  ")).toBe("Ann");
    expect(personName.parse("n".repeat(TEXT_LIMITS.name))).toHaveLength(80);
    expect(pieceTitle.parse("t".repeat(TEXT_LIMITS.title))).toHaveLength(120);
    expect(commentBody.parse("c".repeat(TEXT_LIMITS.comment))).toHaveLength(2000);
  });

  it("refuses text one character over the limit, with the limit in the message", () => {
    expect(personName.safeParse("n".repeat(81)).error?.issues[0].message).toBe("A name can be at most 80 characters");
    expect(pieceTitle.safeParse("t".repeat(121)).error?.issues[0].message).toBe("A title can be at most 120 characters");
    expect(commentBody.safeParse("c".repeat(2001)).success).toBe(false);
  });

  it("refuses NUL and other control characters, but lets a comment break lines", () => {
    expect(personName.safeParse("a\u0000b").error?.issues[0].message).toBe("A name cannot contain control characters");
    expect(pieceTitle.safeParse("a\u001bb").success).toBe(false);
    expect(personName.safeParse("a\nb").success).toBe(false);
    expect(commentBody.safeParse("a\u0000b").success).toBe(false);
    expect(commentBody.parse("bar 3:\n\tlouder")).toBe("bar 3:\n\tlouder");
  });

  it("refuses empty text", () => {
    expect(personName.safeParse("   ").error?.issues[0].message).toBe("Enter your name");
    expect(commentBody.safeParse("").error?.issues[0].message).toBe("Write something first");
  });
});
