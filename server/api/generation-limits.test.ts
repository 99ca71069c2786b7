/** The editor's API, the command line and the inference service refuse the same out-of-range settings (lib/generation.ts). */
import { describe, expect, it } from "vitest";
import { parseCliArgs, UsageError } from "../inference/cli";
import { validateRequest } from "../inference/request";
import { testRequest } from "../inference/test-piece";
import { generationRequestInput } from "./generation-input";

const region = { startBar: 4, endBar: 8, pitchLo: 0, pitchHi: 127, trackIds: ["melody"] };
const routerInput = { pieceId: "p", mode: "infill", region, candidates: 3, temperature: 1 };

const router = (over: object): string[] => {
  const parsed = generationRequestInput.safeParse({ ...routerInput, ...over });
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
};

const cli = (flags: string): string | null => {
  try {
    parseCliArgs(`--in a.mid --continue 4 --out o.mid ${flags}`.split(" "));
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
};

const service = (over: object): string | null => {
  try {
    validateRequest(testRequest(over));
    return null;
  } catch (e) {
    return (e as Error).message;
  }
};

// [setting, value, CLI flag]: values at and past each end of a limit, the ones that disagreed before among them.
const CASES: [string, number, string][] = [
  ["temperature", 0.05, "--temperature"],
  ["temperature", 2.5, "--temperature"],
  ["topP", 0.05, "--top-p"],
  ["topP", 1.01, "--top-p"],
  ["candidates", 0, "--candidates"],
  ["candidates", 9, "--candidates"],
  ["candidates", 2.5, "--candidates"],
  ["repetition", -0.5, "--repetition"],
  ["repetition", 4.5, "--repetition"],
  ["seed", -1, "--seed"],
  ["seed", 2 ** 32, "--seed"],
];

describe("generation limits, everywhere", () => {
  it.each(CASES)("%s %d: the router, the CLI and the service all refuse it", (name, value, flag) => {
    expect(router({ [name]: value })).toEqual([expect.stringMatching(new RegExp(`^${name} must be`))]);
    expect(cli(`${flag}=${value}`)).toMatch(new RegExp(`^${flag}: expected .* from`));
    expect(service({ [name]: value })).toMatch(new RegExp(`${name}: ${name} must be`));
  });

  it.each([
    ["temperature", 0.1, "--temperature"],
    ["topP", 1, "--top-p"],
    ["candidates", 8, "--candidates"],
    ["repetition", 0, "--repetition"],
  ])("%s %d: all three take it", (name, value, flag) => {
    expect(router({ [name]: value })).toEqual([]);
    expect(cli(`${flag}=${value}`)).toBeNull();
    expect(service({ [name]: value })).toBeNull();
  });

  it("the three take the same polyphony and notes a bar, which only the API and the service are given", () => {
    expect(router({ maxPolyphony: 17 })).toHaveLength(1);
    expect(service({ maxPolyphony: 17 })).toMatch(/maxPolyphony must be 1..16/);
    expect(router({ maxNotesPerBar: 65 })).toHaveLength(1);
    expect(service({ maxNotesPerBar: 65 })).toMatch(/maxNotesPerBar must be 1..64/);
  });

  it("refuses more than 16 bars at once: a continuation's bars and an infill's range", () => {
    expect(router({ mode: "continue", bars: 17 })).toEqual(["bars must be 1..16, a whole number"]);
    expect(() => parseCliArgs("--in a.mid --continue 17 --out o.mid".split(" "))).toThrow(/^--continue: expected a whole number from 1 to 16/);
    expect(() => parseCliArgs("--in a.mid --infill 1-17 --out o.mid".split(" "))).toThrow(/^--infill: the model writes at most 16 bars at once/);
    expect(parseCliArgs("--in a.mid --infill 1-16 --out o.mid".split(" "))).toMatchObject({ first: 1, last: 16 });
    expect(service({ region: { ...region, startBar: 0, endBar: 17 } })).toMatch(/at most 16/);
  });
});
