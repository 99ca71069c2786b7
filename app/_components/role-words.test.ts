import { describe, expect, it } from "vitest";
import { aiReadOnlyNote } from "./role-words";

describe("what a role may do, in its person's terms", () => {
  it("tells a reviewer about reviewers, a viewer about viewers, and an editor replaying the past why the AI waits", () => {
    expect(aiReadOnlyNote("reviewer")).toBe("As a reviewer you can watch the AI's candidates and comment on them, but not ask for them.");
    expect(aiReadOnlyNote("viewer")).toBe("As a viewer you can watch the AI's candidates but not ask for them.");
    for (const role of ["owner", "editor"] as const) expect(aiReadOnlyNote(role)).toBe("You are replaying the piece's history: go back to now to ask the AI.");
    expect(aiReadOnlyNote(undefined)).toBe("You can watch the AI's candidates but not ask for them.");
  });

});
