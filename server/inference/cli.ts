/**
 * npm run generate -- --in song.mid (--infill 5-8 | --continue 4) --out out.mid [options]
 * Infills or continues a MIDI file with the model and writes the whole piece, one file per candidate.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { pathToFileURL } from "node:url";
import { MidiFormatError, parseMidiFile, writeMidiFile, type MidiPiece } from "../../lib/midi";
import type { Region } from "../../lib/region";
import { pieceTonic, withMood } from "../../lib/controls";
import { InferenceInputError, ModelManifestError } from "./errors";
import { adaptationFromDatabase, fineTuneFromFolder, styleFromFolder, type CliStyle } from "./cli-style";
import { parseCliArgs, USAGE, UsageError, type CliOptions } from "./cli-args";
import { applyCandidate, outputPaths, planRegion } from "./cli-plan";

export { parseBarRange, parseCliArgs, parsePitchRange, USAGE, UsageError, type CliOptions, type CliSpan } from "./cli-args";
export { applyCandidate, outputPaths, pieceBars, planRegion, resolveTracks } from "./cli-plan";

const usage = (message: string): never => {
  throw new UsageError(message);
};

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

/** The learned style the options ask for, if any: --adaptation ID, or --style-from DIR (with --fine-tune, a fine-tune). */
async function learnedStyle(opts: CliOptions, io: CliIO): Promise<CliStyle | null> {
  if (opts.adaptation !== null) return adaptationFromDatabase(opts.adaptation, usage);
  if (opts.styleFrom === null) return null;
  if (opts.fineTune) return fineTuneFromFolder(opts.styleFrom, opts.modelDir, io.err, usage);
  const style = styleFromFolder(opts.styleFrom, usage);
  return { style, provenance: `in the style of ${style.sources.map((s) => s.pieceId).join(", ")} (${opts.styleFrom})` };
}

async function generateFiles(opts: CliOptions, piece: MidiPiece, region: Region, seed: number, io: CliIO): Promise<number> {
  const learned = await learnedStyle(opts, io);
  // Loaded here so that --help and input errors answer without starting onnxruntime.
  const { createInference } = await import("./index");
  const inference = await createInference({ modelDir: opts.modelDir, log: { info: () => {}, warn: (m) => io.err(`warning: ${m}`) } });
  try {
    const controls = withMood(opts.mood, opts.controls, pieceTonic(piece.notes, piece.tracks));
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
      guidance: opts.guidance,
      controls,
      timeoutMs: 300_000, // a command line waits longer than the editor
      style: learned?.style,
      network: learned?.network,
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
        `model ${result.model.name} ${result.model.version}, seed ${seed}, temperature ${opts.temperature}, top-p ${opts.topP}, repetition ${opts.repetition}` +
          (Object.keys(controls).length > 0 ? `, guidance ${opts.guidance}` : ""),
        ...(learned ? [learned.provenance] : []),
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
