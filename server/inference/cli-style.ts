/** `--style-from DIR`: a style memory (models/adapt/) from the MIDI files of a folder, each file a source piece. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildStyleMemory, type SourcePiece } from "../../models/adapt/build-style-memory";
import { TOKENIZER_VERSION } from "../../models/tokenizer";
import { parseMidiFile } from "../../lib/midi";
import type { StyleMemoryArtifact } from "./adaptation/style-memory";

const MIDI = /\.midi?$/i;

/** The folder's .mid/.midi files (sorted by name; the name is the piece's id), built into a memory. `fail` reports a mistake. */
export function styleFromFolder(dir: string, fail: (message: string) => never): StyleMemoryArtifact {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => MIDI.test(n)).sort();
  } catch (e) {
    return fail(`--style-from: cannot read the folder ${dir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (names.length === 0) fail(`--style-from: ${dir} holds no MIDI files (.mid or .midi) to learn from`);
  const pieces: SourcePiece[] = names.map((name) => {
    try {
      return { id: name, ...parseMidiFile(readFileSync(join(dir, name)), name) };
    } catch (e) {
      return fail(`--style-from: ${(e as Error).message.split("\n")[0]}`);
    }
  });
  try {
    return buildStyleMemory(pieces, { tokenizer: TOKENIZER_VERSION });
  } catch (e) {
    return fail(`--style-from: ${dir}: ${(e as Error).message}`);
  }
}
