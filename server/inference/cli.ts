/**
 * npm run generate -- --in song.mid (--infill 5-8 | --continue 4) --out out.mid [options]
 * Infills or continues a MIDI file with the model and writes the whole piece, one file per candidate.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { basename, extname } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { Note, NoteWithId, Track } from "../../lib/doc-schema";
import { MidiFormatError, parseMidiFile, parsePitchName, writeMidiFile, type MidiPiece } from "../../lib/midi";
import { ticksPerBar } from "../../lib/time";
import { substituteRegion, type Region } from "../../lib/region";
import { InferenceInputError, ModelManifestError } from "./errors";
import { styleFromFolder } from "./cli-style";
import { CONTROL_FLAGS, CONTROL_USAGE, parseControlFlags } from "./cli-controls";
import { pieceTonic, withMood, type GenerationControls, type Mood } from "../../lib/controls";
import { GENERATION_LIMITS as L, withinLimit, type Limit } from "../../lib/generation";

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
  --model-dir DIR    the model folder (default models/tandem-fim-v1)
  --style-from DIR   write in the style of the MIDI files in DIR (a style memory learned from them)
  --help             this text

${CONTROL_USAGE}

Exit status: 0 written, 2 bad input (a file, flag, bar range or track), 1 generation failed.`;

/** A mistake in the command line or its input files: one line, exit status 2. */
export class UsageError extends Error {
  name = "UsageError";
}

const usage = (message: string): never => {
  throw new UsageError(message);
};

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
  modelDir: string;
  styleFrom: string | null; // a folder of MIDI files to learn a style from
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
  "model-dir": { type: "string" },
  "style-from": { type: "string" },
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
    modelDir: values["model-dir"] ?? "models/tandem-fim-v1",
    styleFrom: values["style-from"] ?? null,
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

/** Track names (exact, any case) or roles as in the file -> document track ids. */
export function resolveTracks(items: string[] | null, tracks: (Track & { id: string })[], file: string): string[] {
  if (items === null) return tracks.map((t) => t.id);
  const ids = items.flatMap((item) => {
    const named = tracks.filter((t) => t.name.toLowerCase() === item.toLowerCase());
    const found = named.length > 0 ? named : tracks.filter((t) => t.role === item.toLowerCase());
    if (found.length === 0) {
      const known = tracks.map((t) => `${t.name} (${t.role})`).join(", ") || "none";
      throw new UsageError(`--tracks: ${file} has no track named or playing '${item}' (its tracks: ${known})`);
    }
    return found.map((t) => t.id);
  });
  return [...new Set(ids)];
}

/** The piece's length in whole bars, as the inference service counts it: up to the end of the last note. */
export function pieceBars(piece: Pick<MidiPiece, "meta" | "notes">): number {
  const end = piece.notes.reduce((m, n) => Math.max(m, n.start + n.duration), 0);
  return Math.ceil(end / ticksPerBar(piece.meta));
}

/** The command line's bars as the service's 0-based, end-exclusive region, checked against the piece. */
export function planRegion(opts: CliOptions, piece: MidiPiece, file: string): Region {
  if (piece.tracks.length === 0) throw new UsageError(`${file}: has no notes to ${opts.mode === "infill" ? "infill" : "continue"}`);
  const bars = pieceBars(piece);
  if (opts.mode === "infill" && opts.last > bars) {
    const where = opts.first === opts.last ? `bar ${opts.first} is` : `bars ${opts.first}-${opts.last} are`;
    throw new UsageError(`--infill: ${where} outside ${file}, which has ${bars} bars (use --continue to add bars after its end)`);
  }
  const [startBar, endBar] = opts.mode === "infill" ? [opts.first - 1, opts.last] : [bars, bars + opts.count];
  const trackIds = resolveTracks(opts.tracks, piece.tracks, file);
  return { startBar, endBar, pitchLo: opts.pitchLo, pitchHi: opts.pitchHi, trackIds };
}

/** The piece with the region's old notes replaced by a candidate's (a note belongs to the bar it starts in). */
export function applyCandidate(piece: MidiPiece, region: Region, candidate: Note[]): NoteWithId[] {
  return substituteRegion(piece.notes, region, candidate.map((n, i) => ({ ...n, id: `generated-${i + 1}` })), piece.meta);
}

/** out.mid for one candidate; out-1.mid, out-2.mid, ... for several. */
export function outputPaths(out: string, candidates: number): string[] {
  if (candidates === 1) return [out];
  const ext = extname(out);
  return Array.from({ length: candidates }, (_, i) => `${out.slice(0, out.length - ext.length)}-${i + 1}${ext}`);
}

function readPiece(file: string): MidiPiece {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new UsageError(`--in: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    return parseMidiFile(bytes, file);
  } catch (e) {
    throw e instanceof MidiFormatError ? new UsageError(e.message) : e;
  }
}

function writeOutput(file: string, bytes: Uint8Array): void {
  try {
    writeFileSync(file, bytes);
  } catch (e) {
    throw new UsageError(`--out: cannot write ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

export interface CliIO {
  out(line: string): void;
  err(line: string): void;
}

export async function main(argv: string[], io: CliIO = { out: console.log, err: console.error }): Promise<number> {
  try {
    const opts = parseCliArgs(argv);
    if (opts === "help") {
      io.out(USAGE);
      return 0;
    }
    const piece = readPiece(opts.input);
    const region = planRegion(opts, piece, opts.input);
    const seed = opts.seed ?? Math.floor(Math.random() * 0x100000000);
    if (opts.seed === null) io.out(`seed ${seed}`);
    return await generateFiles(opts, piece, region, seed, io);
  } catch (e) {
    io.err(`generate: ${(e as Error).message.split("\n")[0]}`);
    return e instanceof UsageError || e instanceof InferenceInputError || e instanceof ModelManifestError ? 2 : 1;
  }
}

async function generateFiles(opts: CliOptions, piece: MidiPiece, region: Region, seed: number, io: CliIO): Promise<number> {
  const style = opts.styleFrom === null ? undefined : styleFromFolder(opts.styleFrom, usage);
  // Loaded here so that --help and input errors answer without starting onnxruntime.
  const { createInference } = await import("./index");
  const inference = await createInference({ modelDir: opts.modelDir, log: { info: () => {}, warn: (m) => io.err(`warning: ${m}`) } });
  try {
    const result = await inference.generate({
      mode: opts.mode,
      notes: piece.notes,
      tracks: piece.tracks,
      meta: piece.meta,
      region,
      candidates: opts.candidates,
      seed,
      temperature: opts.temperature,
      topP: opts.topP,
      repetition: opts.repetition,
      controls: withMood(opts.mood, opts.controls, pieceTonic(piece.notes, piece.tracks)),
      timeoutMs: 300_000, // a command line waits longer than the editor
      style,
    });
    const bars = `bars ${region.startBar + 1}-${region.endBar}`;
    // An empty candidate is no result (as in the editor): left out, and when all are empty, a failure that says so.
    const candidates = result.candidates.filter((c) => c.length > 0);
    if (candidates.length === 0) {
      io.err(`generate: the model wrote no notes in ${bars}; try a region with music around it, a higher --temperature or a lower --repetition`);
      return 1;
    }
    outputPaths(opts.output, candidates.length).forEach((path, i) => {
      const provenance = [
        `Tandem: ${opts.mode} ${bars} of ${basename(opts.input)}, candidate ${i + 1} of ${candidates.length}`,
        `model ${result.model.name} ${result.model.version}, seed ${seed}, temperature ${opts.temperature}, top-p ${opts.topP}, repetition ${opts.repetition}`,
        ...(style ? [`in the style of ${style.sources.map((s) => s.pieceId).join(", ")} (${opts.styleFrom})`] : []),
      ];
      const notes = applyCandidate(piece, region, candidates[i]);
      writeOutput(path, writeMidiFile({ meta: piece.meta, tracks: piece.tracks, notes }, { provenanceText: provenance }));
      io.out(`wrote ${path}: ${candidates[i].length} new notes in ${bars}`);
    });
    return 0;
  } finally {
    await inference.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exit(await main(process.argv.slice(2)));
}
