import { describe, expect, it } from "vitest";
import { readSetting, SETTINGS } from "./ai-settings";

describe("the AI's settings as typed", () => {
  it("takes a number within the setting's limits", () => {
    expect(readSetting("3", SETTINGS.candidates)).toEqual({ value: 3 });
    expect(readSetting(" 0.5 ", SETTINGS.temperature)).toEqual({ value: 0.5 });
    expect(readSetting("0", SETTINGS.repetition)).toEqual({ value: 0 });
  });

  it("refuses what it cannot use, saying the range, instead of changing it quietly", () => {
    expect(readSetting("9", SETTINGS.candidates)).toEqual({ error: "Candidates can be 1 to 8, a whole number; 9 cannot be used." });
    expect(readSetting("2.5", SETTINGS.candidates)).toEqual({ error: expect.stringContaining("a whole number") });
    expect(readSetting("5", SETTINGS.temperature)).toEqual({ error: "Temperature can be 0.1 to 2; 5 cannot be used." });
    expect(readSetting("", SETTINGS.continueBars)).toEqual({ error: "Bars to continue can be 1 to 16, a whole number: type one." });
  });

  it("explains every setting where it is set", () => {
    for (const s of Object.values(SETTINGS)) expect(s.help.length).toBeGreaterThan(30);
    expect(SETTINGS.repetition.help).toContain("earlier bars");
    expect(SETTINGS.guidance.help).toContain("steering");
    expect(readSetting("0.5", SETTINGS.guidance)).toEqual({ error: "Follow the controls can be 1 to 8; 0.5 cannot be used." });
  });
});
