/** The CLI's control flags (--density busy, --style funk, --key "A minor", --mood calm), parsed to lib/controls.ts. */
import {
  CONTROL_LABELS,
  MOOD_NAMES,
  parseBucket,
  STYLES,
  TRACK_CONTROLS,
  type ControlKey,
  type GenerationControls,
  type Mood,
  type Style,
} from "../../lib/controls";
import { PITCH_NAMES } from "../../models/tokenizer";

export const CONTROL_FLAGS = {
  density: { type: "string" },
  polyphony: { type: "string" },
  energy: { type: "string" },
  register: { type: "string" },
  activity: { type: "string" },
  style: { type: "string" },
  key: { type: "string" },
  mood: { type: "string" },
} as const;

export const CONTROL_USAGE = `Steering (tandem-fim-2 models; every one is "auto" when left out):
${TRACK_CONTROLS.map((n) => `  --${n.padEnd(17)}${CONTROL_LABELS[n].join(", ")} (or 0-${CONTROL_LABELS[n].length - 1})`).join("\n")}
  --style S          ${STYLES.join(", ")}
  --key K            a tonic and a mode: "A minor", "F# major", "Bbm", "C"
  --mood M           ${MOOD_NAMES.join(", ")} (sets several of the above; flags given win)`;

const ALIASES: Record<string, number> = { Db: 1, "D#": 3, Gb: 6, "G#": 8, "A#": 10, Cb: 11, "E#": 5, Fb: 4, "B#": 0 };

/** "A minor", "F#", "Bbm", "c# major" as a key; undefined when it is not one. */
export function parseKey(text: string): ControlKey | undefined {
  const m = /^\s*([A-Ga-g])([#b]?)\s*(m|min|minor|maj|major)?\s*$/.exec(text);
  if (!m) return undefined;
  const name = m[1].toUpperCase() + m[2];
  const tonic = (PITCH_NAMES as readonly string[]).indexOf(name);
  const pc = tonic >= 0 ? tonic : ALIASES[name];
  if (pc === undefined) return undefined;
  return { tonic: pc, mode: m[3] === undefined || m[3].startsWith("maj") ? "major" : "minor" };
}

/** The flags' controls and mood; `fail(message)` throws the CLI's usage error. */
export function parseControlFlags(
  values: Partial<Record<keyof typeof CONTROL_FLAGS, string>>,
  fail: (message: string) => never,
): { controls: GenerationControls; mood: Mood | undefined } {
  const controls: GenerationControls = {};
  for (const name of TRACK_CONTROLS) {
    const text = values[name];
    if (text === undefined) continue;
    const b = parseBucket(name, text);
    if (b === undefined) fail(`--${name}: expected one of ${CONTROL_LABELS[name].join(", ")} (or 0-${CONTROL_LABELS[name].length - 1}), got '${text}'`);
    controls[name] = b;
  }
  if (values.style !== undefined) {
    if (!(STYLES as readonly string[]).includes(values.style)) fail(`--style: expected one of ${STYLES.join(", ")}, got '${values.style}'`);
    controls.style = values.style as Style;
  }
  if (values.key !== undefined) {
    const key = parseKey(values.key);
    if (!key) fail(`--key: expected a tonic and a mode such as "A minor" or "F#", got '${values.key}'`);
    controls.key = key;
  }
  const mood = values.mood;
  if (mood !== undefined && !(MOOD_NAMES as string[]).includes(mood)) fail(`--mood: expected one of ${MOOD_NAMES.join(", ")}, got '${mood}'`);
  return { controls, mood: mood as Mood | undefined };
}
