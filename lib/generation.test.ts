import { describe, expect, it } from "vitest";
import {
  GENERATION_DEFAULTS,
  GENERATION_LIMITS,
  generationSettingsSchema,
  runSettingsSchema,
  settingsToRun,
  withinLimit,
  type GenerationAsk,
  type Limit,
} from "./generation";

/** The settings a request carries, each with its limit. */
const SETTINGS: [keyof GenerationAsk, Limit][] = [
  ["candidates", GENERATION_LIMITS.candidates],
  ["temperature", GENERATION_LIMITS.temperature],
  ["topP", GENERATION_LIMITS.topP],
  ["seed", GENERATION_LIMITS.seed],
  ["maxPolyphony", GENERATION_LIMITS.maxPolyphony],
  ["maxNotesPerBar", GENERATION_LIMITS.maxNotesPerBar],
  ["repetition", GENERATION_LIMITS.repetition],
  ["guidance", GENERATION_LIMITS.guidance],
];

const problems = (ask: object): string[] => {
  const parsed = generationSettingsSchema.safeParse(ask);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("generation settings", () => {
  it("takes the defaults as they are, and every default lies within its limit", () => {
    expect(generationSettingsSchema.parse(GENERATION_DEFAULTS)).toEqual(GENERATION_DEFAULTS);
    for (const [name, limit] of Object.entries(GENERATION_LIMITS)) {
      if ("default" in limit) expect(withinLimit(limit.default, limit), name).toBe(true);
    }
  });

  it.each(SETTINGS)("refuses %s outside its limit, saying the range", (name, limit) => {
    const range = `${name}: ${name} must be ${limit.min}..${limit.max}`;
    const step = limit.whole ? 1 : 0.01;
    expect(problems({ ...GENERATION_DEFAULTS, [name]: limit.min })).toEqual([]);
    expect(problems({ ...GENERATION_DEFAULTS, [name]: limit.max })).toEqual([]);
    expect(problems({ ...GENERATION_DEFAULTS, [name]: limit.min - step })).toEqual([expect.stringContaining(range)]);
    expect(problems({ ...GENERATION_DEFAULTS, [name]: limit.max + step })).toEqual([expect.stringContaining(range)]);
    expect(problems({ ...GENERATION_DEFAULTS, [name]: "1" })).toEqual([expect.stringContaining(range)]);
    if (limit.whole) expect(problems({ ...GENERATION_DEFAULTS, [name]: limit.min + 0.5 })).toEqual([`${range}, a whole number`]);
  });

  it("settles on one value where the router and the inference service disagreed", () => {
    expect(problems({ ...GENERATION_DEFAULTS, temperature: 0.05 })).toEqual(["temperature: temperature must be 0.1..2"]);
    expect(problems({ ...GENERATION_DEFAULTS, topP: 0.05 })).toEqual(["topP: topP must be 0.1..1"]);
    expect(problems({ ...GENERATION_DEFAULTS, maxPolyphony: 17 })).toHaveLength(1);
    expect(problems({ ...GENERATION_DEFAULTS, maxNotesPerBar: 65 })).toHaveLength(1);
    expect(GENERATION_LIMITS.timeoutMs.default).toBe(30_000);
    expect(GENERATION_LIMITS.regionBars.max).toBe(16);
  });

  it("runs a request with its top-p, repetition and seed filled in, and records only the settings", () => {
    const asked = { candidates: 2, temperature: 0.8, scale: null, pieceId: "p", mood: "calm" } as GenerationAsk;
    const run = settingsToRun(asked, 42);
    expect(run).toEqual({ candidates: 2, temperature: 0.8, topP: 0.95, seed: 42, repetition: 3, scale: null });
    expect(runSettingsSchema.parse(run)).toEqual(run);
    expect(settingsToRun({ ...asked, seed: 7, topP: 0.5, repetition: 0 }, 42)).toMatchObject({ seed: 7, topP: 0.5, repetition: 0 });
    expect(runSettingsSchema.safeParse({ candidates: 1, temperature: 1 }).success).toBe(false); // a run names its seed and top-p
  });

  it("records guidance only where controls are asked, at its default unless another is asked", () => {
    const asked: GenerationAsk = { candidates: 1, temperature: 1 };
    expect(settingsToRun(asked, 1).guidance).toBeUndefined();
    expect(settingsToRun({ ...asked, controls: {} }, 1).guidance).toBeUndefined();
    expect(settingsToRun({ ...asked, controls: { activity: 2 } }, 1).guidance).toBe(GENERATION_LIMITS.guidance.default);
    expect(settingsToRun({ ...asked, controls: { activity: 2 }, guidance: 2.5 }, 1).guidance).toBe(2.5);
  });
});
