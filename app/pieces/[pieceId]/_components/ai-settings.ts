/**
 * The AI's settings as people set them: each with the words that explain it where it is set, its limits
 * (lib/generation.ts, as the server checks them), and what typed text means. Pure.
 */
import { GENERATION_LIMITS as L, withinLimit, type Limit } from "@/lib/generation";

export interface Setting {
  name: string;
  limit: Limit & { default: number };
  help: string;
}

export const SETTINGS = {
  candidates: {
    name: "Candidates",
    limit: L.candidates,
    help: `How many versions the AI writes for you to compare (${L.candidates.min} to ${L.candidates.max}); more take longer.`,
  },
  temperature: {
    name: "Temperature",
    limit: L.temperature,
    help: `How adventurous the AI is: ${L.temperature.min} plays it safe, ${L.temperature.default} is its own balance, ${L.temperature.max} takes the most risks.`,
  },
  repetition: {
    name: "Repetition",
    limit: L.repetition,
    help: `How closely the AI echoes what each track played in earlier bars: 0 ignores them, ${L.repetition.default} (the default) echoes them clearly, ${L.repetition.max} the most.`,
  },
  guidance: {
    name: "Follow the controls",
    limit: L.guidance,
    help: `How strongly the AI follows the steering you chose, beyond what it learned: ${L.guidance.default} (the default) as it learned it, 3 clearly, ${L.guidance.max} the most. Above ${L.guidance.min}, a request with a mood or a control takes about twice as long.`,
  },
  continueBars: {
    name: "Bars to continue",
    limit: L.continueBars,
    help: `How many bars Continue adds after the piece's end (${L.continueBars.min} to ${L.continueBars.max}).`,
  },
} as const satisfies Record<string, Setting>;

export type SettingName = keyof typeof SETTINGS;

/** The number typed, or why it cannot be used (the field says so beside itself). */
export function readSetting(text: string, s: Setting): { value: number } | { error: string } {
  const { min, max, whole } = s.limit;
  const value = Number(text.trim());
  if (text.trim() !== "" && withinLimit(value, s.limit)) return { value };
  const range = `${s.name} can be ${min} to ${max}${whole ? ", a whole number" : ""}`;
  return { error: text.trim() === "" ? `${range}: type one.` : `${range}; ${text.trim()} cannot be used.` };
}
