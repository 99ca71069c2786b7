/** The generate command's flags: its usage text, and the options they give, each checked against its limit. */
import { parseArgs } from "node:util";
import { parsePitchName } from "../../lib/midi";
import type { GenerationControls, Mood } from "../../lib/controls";
import { GENERATION_LIMITS as L, withinLimit, type Limit } from "../../lib/generation";
import { CONTROL_FLAGS, CONTROL_USAGE, parseControlFlags } from "./cli-controls";
import { DEFAULT_MODEL_DIR } from "./default-model";

const range = (l: Limit) => `${l.min}-${l.max}`;

export const USAGE = `Usage: npm run generate -- --in song.mid (--infill 5-8 | --continue 4) --out out.mid [options]

Regenerates bars of a MIDI file (--infill) or adds bars after its end (--continue) with the Tandem
model, and writes the whole piece with the new notes. Infilling replaces the notes of the chosen
tracks that start in those bars within the pitch range.

  --in FILE          the MIDI file to start from
  --infill A-B       bars A to B, 1-based and inclusive ("5" is bar 5 alone), at most ${L.regionBars.max}
  --continue N       N new bars after the last bar of the piece, ${range(L.continueBars)}
  --out FILE         where to write the piece; with several candidates, one file each:
                     out-1.mid, out-2.mid, ... (each a complete piece)
  --tracks LIST      comma-separated track names or roles from the file (melody, counter,
                     chords, bass, drums); default: every track
  --pitch LO-HI      pitch range of the new notes, names (C4 = 60, F#3, Bb5) or MIDI numbers;
                     default: all
  --candidates N     alternatives to generate, ${range(L.candidates)} (default 1)
  --seed N           ${range(L.seed)} (default: random, printed)
  --temperature T    ${range(L.temperature)} (default ${L.temperature.default})
  --top-p P          ${range(L.topP)} (default ${L.topP.default})
  --repetition R     ${range(L.repetition)}: how closely to follow what each track played in earlier bars
                     (0 off, default ${L.repetition.default})
  --guidance G       ${range(L.guidance)}: how strongly the model follows the controls below, beyond what
                     it learned of them (default ${L.guidance.default}: as learned; above it, twice as slow)
  --model-dir DIR    the model folder (default models/tandem-fim-v2)
  --style-from DIR   write in the style of the MIDI files in DIR (a style memory learned from them)
  --fine-tune        with --style-from: fine-tune the model on them instead (better on a style the
                     model does not know; a minute or two, and PyTorch: apt install python3-torch)
  --adaptation ID    write in a style learned in the app ("our style"), read from its database
                     (DATABASE_URL, or DATA_DIR's PGlite folder while the app is stopped)
  --help             this text

${CONTROL_USAGE}

Exit status: 0 written, 2 bad input (a file, flag, bar range or track), 1 generation failed.`;

/** A mistake in the command line or its input files: one line, exit status 2. */
export class UsageError extends Error {
  name = "UsageError";
}

/** Infill: bars first..last, 1-based and inclusive; continue: `count` bars after the end. */
export type CliSpan = { mode: "infill"; first: number; last: number } | { mode: "continue"; count: number };

export type CliOptions = CliSpan & {
  input: string;
  output: string;
  tracks: string[] | null; // null: every track
  pitchLo: number;
  pitchHi: number;
  candidates: number;
  seed: number | null; // null: pick one at random
  temperature: number;
  topP: number;
  repetition: number;
  guidance: number;
  modelDir: string;
  styleFrom: string | null; // a folder of MIDI files to learn a style from
  fineTune: boolean; // learn it by fine-tuning the model, not as a style memory
  adaptation: string | null; // the id of a style learned in the app
  controls: GenerationControls;
  mood: Mood | undefined;
};

const FLAGS = {
  in: { type: "string" },
  out: { type: "string" },
  infill: { type: "string" },
  continue: { type: "string" },
  tracks: { type: "string" },
  pitch: { type: "string" },
  candidates: { type: "string" },
  seed: { type: "string" },
  temperature: { type: "string" },
  "top-p": { type: "string" },
  repetition: { type: "string" },
  guidance: { type: "string" },
  "model-dir": { type: "string" },
  "style-from": { type: "string" },
  "fine-tune": { type: "boolean" },
  adaptation: { type: "string" },
  help: { type: "boolean" },
  ...CONTROL_FLAGS,
} as const;

export function parseCliArgs(argv: string[]): CliOptions | "help" {
  let values;
  try {
    values = parseArgs({ args: argv, options: FLAGS, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new UsageError((e as Error).message.split("\n")[0]);
  }
  if (values.help) return "help";
  if (!values.in) throw new UsageError("--in: missing (the MIDI file to start from)");
  if (!values.out) throw new UsageError("--out: missing (the MIDI file to write)");
  if ((values.infill === undefined) === (values.continue === undefined)) throw new UsageError("give one of --infill A-B or --continue N");
  if (values["fine-tune"] && values["style-from"] === undefined) throw new UsageError("--fine-tune: give --style-from DIR, the pieces to fine-tune on");
  if (values.adaptation !== undefined && values["style-from"] !== undefined) throw new UsageError("give one of --style-from DIR or --adaptation ID");
  const span: CliSpan =
    values.infill === undefined
      ? { mode: "continue", count: number("--continue", values.continue!, L.continueBars) }
      : { mode: "infill", ...parseBarRange(values.infill) };
  return {
    ...span,
    input: values.in,
    output: values.out,
    tracks: values.tracks === undefined ? null : parseList("--tracks", values.tracks),
    ...parsePitchRange(values.pitch ?? "0-127"),
    candidates: number("--candidates", values.candidates ?? "1", L.candidates), // one file unless more are asked for
    seed: values.seed === undefined ? null : number("--seed", values.seed, L.seed),
    temperature: number("--temperature", values.temperature ?? String(L.temperature.default), L.temperature),
    topP: number("--top-p", values["top-p"] ?? String(L.topP.default), L.topP),
    repetition: number("--repetition", values.repetition ?? String(L.repetition.default), L.repetition),
    guidance: number("--guidance", values.guidance ?? String(L.guidance.default), L.guidance),
    modelDir: values["model-dir"] ?? DEFAULT_MODEL_DIR,
    styleFrom: values["style-from"] ?? null,
    fineTune: values["fine-tune"] ?? false,
    adaptation: values.adaptation ?? null,
    ...parseControlFlags(values, (message) => {
      throw new UsageError(message);
    }),
  };
}

/** A flag's number within its limit (lib/generation.ts): the range the editor and the service take too. */
function number(flag: string, text: string, limit: Limit): number {
  const value = Number(text);
  if (text.trim() === "" || !withinLimit(value, limit)) {
    throw new UsageError(`${flag}: expected ${limit.whole ? "a whole number" : "a number"} from ${limit.min} to ${limit.max}, got '${text}'`);
  }
  return value;
}

function parseList(flag: string, text: string): string[] {
  const items = text.split(",").map((s) => s.trim());
  if (items.some((s) => s === "")) throw new UsageError(`${flag}: expected comma-separated names, got '${text}'`);
  return items;
}

/** "5-8" -> bars 5 to 8 (1-based, inclusive); "5" -> bar 5. */
export function parseBarRange(text: string): { first: number; last: number } {
  const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(text);
  const first = Number(m?.[1]);
  const last = m?.[2] === undefined ? first : Number(m[2]);
  if (!m || first < 1 || last < first) throw new UsageError(`--infill: expected bars like 5-8 (1-based, first <= last), got '${text}'`);
  const bars = last - first + 1;
  if (bars > L.regionBars.max) throw new UsageError(`--infill: the model writes at most ${L.regionBars.max} bars at once, got '${text}' (${bars} bars)`);
  return { first, last };
}

/** "C4-C6" -> 60..84; names or MIDI numbers, "C-1-G9" included; one pitch alone is a range of one. */
export function parsePitchRange(text: string): { pitchLo: number; pitchHi: number } {
  const m = /^\s*([A-Ga-g][#b]?-?\d+|\d+)\s*(?:-\s*([A-Ga-g][#b]?-?\d+|\d+)\s*)?$/.exec(text);
  const lo = m ? parsePitchName(m[1]) : null;
  const hi = m ? parsePitchName(m[2] ?? m[1]) : null;
  if (lo === null || hi === null || lo > hi) throw new UsageError(`--pitch: expected a range like C4-C6 (C4 = 60, low to high), got '${text}'`);
  return { pitchLo: lo, pitchHi: hi };
}
