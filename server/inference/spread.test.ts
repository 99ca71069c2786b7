import { describe, expect, it } from "vitest";
import { candidateSpread, LAST_REPETITION, LAST_TEMPERATURE } from "./spread";

describe("candidateSpread", () => {
  it("keeps the request's settings for the first candidate and moves evenly to the last one's shares", () => {
    expect(candidateSpread(0, 1)).toEqual({ repetition: 1, temperature: 1 });
    expect(candidateSpread(0, 3)).toEqual({ repetition: 1, temperature: 1 });
    expect(candidateSpread(1, 3).repetition).toBeCloseTo((1 + LAST_REPETITION) / 2);
    expect(candidateSpread(2, 3)).toEqual({ repetition: LAST_REPETITION, temperature: LAST_TEMPERATURE });
    expect(candidateSpread(7, 8)).toEqual({ repetition: LAST_REPETITION, temperature: LAST_TEMPERATURE });
  });
});
